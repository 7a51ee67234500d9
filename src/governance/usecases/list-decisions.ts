import type { Release } from '../../core/domain/release.ts';
import type { GovernanceDeps } from '../deps.ts';
import type { Decision } from '../domain/decision.ts';

export const DECISION_LOG_LIMIT = 20;

export type DecisionLogEntry = Decision & { releaseName: string };

/** The decision log, newest first: one release's when given, else the workspace's latest. */
export async function listDecisions(
  deps: GovernanceDeps,
  input: { teamId: string; release: Release | undefined },
): Promise<{ entries: DecisionLogEntry[]; scope: Release | undefined }> {
  const decisions = input.release
    ? (await deps.store.decisions.forRelease(input.release.id)).reverse().slice(0, DECISION_LOG_LIMIT)
    : await deps.store.decisions.forTeam(input.teamId, DECISION_LOG_LIMIT);
  const names = new Map<number, string>();
  const entries: DecisionLogEntry[] = [];
  for (const d of decisions) {
    if (!names.has(d.releaseId)) names.set(d.releaseId, (await deps.store.releases.findById(d.releaseId))?.name ?? '?');
    entries.push({ ...d, releaseName: names.get(d.releaseId) ?? '?' });
  }
  return { entries, scope: input.release };
}
