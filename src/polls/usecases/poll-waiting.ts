import { emphasized } from '../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { WaitingSource } from '../../releases/index.ts';
import type { PollsDeps } from '../deps.ts';
import { POLL_WORDING } from '../domain/go-no-go.ts';
import { loadPollState } from './poll-view.ts';

export type OpenPollState = NonNullable<Awaited<ReturnType<typeof loadPollState>>>;

/** Open polls of a release with their state (for `/release status` and the App Home). */
export async function openPollStates(deps: PollsDeps, releaseId: number): Promise<OpenPollState[]> {
  const states: OpenPollState[] = [];
  for (const poll of await deps.store.polls.listOpen(releaseId)) {
    const state = await loadPollState(deps, poll);
    if (state) states.push(state);
  }
  return states;
}

/**
 * App Home lines: "Vote on the go/no-go for X" for each role the person holds that has not voted; "Decide the
 * go/no-go" for the decider once every role has voted.
 */
export const pollWaiting: WaitingSource<PollsDeps> = async (deps, item, userId) =>
  (await openPollStates(deps, item.release.id)).flatMap((state) => {
    const wording = POLL_WORDING[state.poll.activity];
    const name = `*${emphasized(item.release.name)}*`;
    const lines = state.tally.roles
      .filter((r) => !r.vote && r.holders.includes(userId))
      .map(
        (r) =>
          `Vote on the ${wording.title.toLowerCase()} for ${name} as ${ROLE_LABELS[r.role]} (in <#${state.poll.channelId}>)`,
      );
    if (state.recommendation.complete && item.roles.includes(state.roles.decider)) {
      lines.push(
        `Decide the ${wording.title.toLowerCase()} for ${name}: everyone has voted (recommendation: ${wording.sides[state.recommendation.side]})`,
      );
    }
    return lines;
  });
