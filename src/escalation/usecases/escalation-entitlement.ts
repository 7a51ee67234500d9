import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import { type Entitlement, levelOneAcknowledgers } from '../domain/entitlement.ts';
import type { Escalation } from '../domain/escalation.ts';
import { type LevelTargets, levelTargets, targetFor } from './escalation-delivery.ts';

/**
 * Who may acknowledge and resolve the escalation at its current level: the people pinged there (with the members of
 * pinged user groups; level 1 counts the release's role holders), the release's Release Managers, and the raiser.
 */
export async function entitlementFor(
  deps: EscalationDeps,
  release: Release,
  escalation: Pick<Escalation, 'level' | 'raisedBy'>,
  targets?: LevelTargets,
): Promise<Entitlement> {
  const levels = targets ?? (await levelTargets(deps, release));
  const target = targetFor(levels, escalation.level);
  const assignments = await deps.store.releases.assignments(release.id);
  const pinged = new Set<string>();
  for (const id of target.pings) {
    if (id.startsWith('S')) for (const member of await deps.escalationDirectory.groupMembers(id)) pinged.add(member);
    else pinged.add(id);
  }
  if (target.level === 1) for (const id of levelOneAcknowledgers(assignments.map((a) => a.userId))) pinged.add(id);
  return {
    pinged,
    pings: target.pings,
    managers: new Set(assignments.filter((a) => a.role === 'rm').map((a) => a.userId)),
    raisedBy: escalation.raisedBy,
  };
}
