import type { Release } from '../domain/release.ts';
import type { Deps } from './deps.ts';

/** One line of the poll's "readiness" section: open risks, escalations, later the checklist. Text is mrkdwn. */
export type ReadinessItem = { text: string; ok: boolean };

/**
 * What a voter should know before voting. Each capability (risks, escalations, checklist) adds its own provider;
 * the poll shows whatever they return, or "No readiness data yet" when there is nothing.
 */
export type ReadinessProvider = (deps: Deps, release: Release) => ReadinessItem[];

export const POLL_READINESS_PROVIDERS: ReadinessProvider[] = [];

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
