import type { ContributedBlocks, ReadinessItem } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import type { PollsDeps } from '../deps.ts';
import type { Poll } from '../domain/go-no-go.ts';

export type { ReadinessItem } from '../../core/contributions.ts';

/**
 * Brings the release's poll messages up to date after something they show changed (a checklist tick, an override,
 * a risk, an escalation, a ship): the open polls, and the latest decided Go, on which the deployment gate shows
 * whether the Go still stands (and, once shipped, nothing more). The messenger renders from the database, so this
 * only asks for a refresh; a failure is logged.
 */
export async function refreshReleasePolls(deps: PollsDeps, releaseId: number): Promise<void> {
  const polls = await deps.store.polls.listOpen(releaseId);
  const lastGo = (await deps.store.polls.listForRelease(releaseId))
    .filter((p) => p.activity === 'go_no_go' && p.status === 'decided' && p.decision === 'go' && p.messageTs)
    .at(-1);
  if (lastGo) polls.push(lastGo);
  await Promise.all(
    polls.map((poll) =>
      deps.pollMessenger
        .refresh(poll.id)
        .catch((error: unknown) => deps.logger.error(`refreshing poll ${poll.id} failed`, error)),
    ),
  );
}

/** The sections other modules add to this poll's message; a failing one is left out and logged. */
export async function pollSections(deps: PollsDeps, poll: Poll): Promise<ContributedBlocks> {
  const ref = {
    id: poll.id,
    releaseId: poll.releaseId,
    activity: poll.activity,
    status: poll.status,
    decision: poll.decision,
  };
  const blocks: ContributedBlocks = [];
  for (const section of deps.contributions.pollSections) {
    try {
      blocks.push(...(await section(ref)));
    } catch (error) {
      deps.logger.warn('a poll section failed; the poll shows the rest', error);
    }
  }
  return blocks;
}

/**
 * What a voter should know before voting. Each module (the checklist, risks, escalations) registers its own line
 * source; the poll shows whatever they return, or "No readiness data yet" when there is nothing.
 */
export async function pollReadiness(deps: PollsDeps, release: Release): Promise<ReadinessItem[]> {
  const items: ReadinessItem[] = [];
  for (const provide of deps.contributions.readiness) {
    try {
      items.push(...(await provide(release)));
    } catch (error) {
      deps.logger.warn('a readiness provider failed; the poll shows the rest', error);
    }
  }
  return items;
}
