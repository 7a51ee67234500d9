import type { Deps } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import {
  checklistReadinessProvider,
  escalationReadinessProvider,
  riskReadinessProvider,
} from '../../governance/usecases/checklist-readiness.ts';

/** One line of the poll's "readiness" section: open risks, escalations, later the checklist. Text is mrkdwn. */
export type ReadinessItem = { text: string; ok: boolean };

/**
 * What a voter should know before voting. Each capability (risks, escalations, checklist) adds its own provider;
 * the poll shows whatever they return, or "No readiness data yet" when there is nothing.
 */
export type ReadinessProvider = (deps: Deps, release: Release) => ReadinessItem[];

/** In the order the poll shows them: the checklist (the gate on Go), then open risks, then open escalations. */
export const POLL_READINESS_PROVIDERS: ReadinessProvider[] = [
  checklistReadinessProvider,
  riskReadinessProvider,
  escalationReadinessProvider,
];

/**
 * Brings the release's open poll messages up to date after something they show changed (a checklist tick, an
 * override). The messenger renders from the database, so this only asks for a refresh; a failure is logged.
 */
export async function refreshReleasePolls(deps: Deps, releaseId: number): Promise<void> {
  const polls = deps.store.polls.listOpen(releaseId);
  await Promise.all(
    polls.map((poll) =>
      deps.pollMessenger
        .refresh(poll.id)
        .catch((error: unknown) => deps.logger.error(`refreshing poll ${poll.id} failed`, error)),
    ),
  );
}

export function pollReadiness(deps: Deps, release: Release, providers = POLL_READINESS_PROVIDERS): ReadinessItem[] {
  return providers.flatMap((provide) => {
    try {
      return provide(deps, release);
    } catch (error) {
      deps.logger.warn('a readiness provider failed; the poll shows the rest', error);
      return [];
    }
  });
}
