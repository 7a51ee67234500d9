import type { ReadinessItem } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import type { PollsDeps } from '../deps.ts';

export type { ReadinessItem } from '../../core/contributions.ts';

/**
 * Brings the release's open poll messages up to date after something they show changed (a checklist tick, an
 * override). The messenger renders from the database, so this only asks for a refresh; a failure is logged.
 */
export async function refreshReleasePolls(deps: PollsDeps, releaseId: number): Promise<void> {
  const polls = await deps.store.polls.listOpen(releaseId);
  await Promise.all(
    polls.map((poll) =>
      deps.pollMessenger
        .refresh(poll.id)
        .catch((error: unknown) => deps.logger.error(`refreshing poll ${poll.id} failed`, error)),
    ),
  );
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
