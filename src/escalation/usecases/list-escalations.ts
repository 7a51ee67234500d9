import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import { type Escalation, type LevelTiming, levelTimings } from '../domain/escalation.ts';
import { levelTargets, targetFor } from './escalation-delivery.ts';

export type EscalationListItem = {
  escalation: Escalation;
  release: Release;
  ageMs: number;
  /** Where the current level posts and whom it pings. */
  channelId: string;
  pings: string[];
};

async function toItems(deps: EscalationDeps, escalations: Escalation[], now: Date): Promise<EscalationListItem[]> {
  const releases = new Map<number, Release | undefined>();
  const items: EscalationListItem[] = [];
  for (const escalation of escalations) {
    if (!releases.has(escalation.releaseId)) {
      releases.set(escalation.releaseId, await deps.store.releases.findById(escalation.releaseId));
    }
    const release = releases.get(escalation.releaseId);
    if (!release) continue;
    const target = targetFor(await levelTargets(deps, release), escalation.level);
    items.push({
      escalation,
      release,
      ageMs: now.getTime() - escalation.raisedAt.getTime(),
      channelId: target.channelId,
      pings: target.pings,
    });
  }
  return items;
}

/** Open (not yet resolved) escalations of the workspace, oldest first. */
export async function listOpenEscalations(deps: EscalationDeps, teamId: string): Promise<EscalationListItem[]> {
  return toItems(deps, await deps.store.escalations.listActive(teamId), deps.clock.now());
}

export async function listOpenEscalationsForRelease(
  deps: EscalationDeps,
  release: Release,
): Promise<EscalationListItem[]> {
  const active = (await deps.store.escalations.listForRelease(release.id)).filter((e) => e.status !== 'resolved');
  return toItems(deps, active, deps.clock.now());
}

/** Time to acknowledge and to resolve per level of every escalation raised since `since` (for metrics). */
export async function escalationTimings(
  deps: EscalationDeps,
  teamId: string,
  since: Date,
): Promise<Array<{ escalationId: number; releaseId: number; levels: LevelTiming[] }>> {
  return (await deps.store.escalations.listRaisedSince(teamId, since)).map((e) => ({
    escalationId: e.id,
    releaseId: e.releaseId,
    levels: levelTimings(e),
  }));
}
