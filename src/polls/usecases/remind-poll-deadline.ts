import { releaseLabel } from '../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { PollsDeps } from '../deps.ts';
import { POLL_WORDING, peopleToRemind } from '../domain/go-no-go.ts';
import { loadPollState } from './poll-view.ts';

/**
 * The poll's deadline passed. If it is still open: one reminder in its thread, mentioning only the holders of roles
 * that have not voted, and the decider. The poll stays open until the decider decides.
 */
export async function remindPollDeadline(deps: PollsDeps, pollId: number): Promise<'reminded' | 'skipped'> {
  const poll = await deps.store.polls.findById(pollId);
  const state = poll && (await loadPollState(deps, poll));
  if (!poll || !state || poll.status !== 'open' || poll.remindedAt !== null || poll.messageTs === null)
    return 'skipped';
  const wording = POLL_WORDING[poll.activity];
  const waiting = state.tally.roles.filter((r) => !r.vote);
  const people = peopleToRemind(state.tally, state.assignments, state.roles.decider);
  const deciders = state.assignments.filter((a) => a.role === state.roles.decider).map((a) => a.userId);
  const lines = [`:alarm_clock: The ${wording.title} deadline for ${releaseLabel(state.release)} has passed.`];
  if (waiting.length > 0) {
    const who = waiting
      .map((r) => `${ROLE_LABELS[r.role]} (${r.holders.map((id) => `<@${id}>`).join(', ')})`)
      .join(', ');
    lines.push(`Still waiting for: ${who}. Please vote on the poll above.`);
  } else {
    lines.push('Every role has voted.');
  }
  lines.push(
    `${deciders.map((id) => `<@${id}>`).join(', ')}: the poll stays open until you decide (recommendation: ${
      wording.sides[state.recommendation.side]
    }).`,
  );
  deps.logger.debug(`reminding ${people.join(',')} of poll ${poll.id}`);
  await deps.pollMessenger.notifyThread(poll.id, lines.join('\n'), `poll:${poll.id}:deadline-reminder`);
  await deps.store.polls.markReminded(poll.id, deps.clock.now());
  return 'reminded';
}
