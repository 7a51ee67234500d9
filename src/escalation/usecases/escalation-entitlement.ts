import type { Release } from '../../core/domain/release.ts';
import { whoMayActForAnyRole } from '../../releases/index.ts';
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
  const managers = new Set(assignments.filter((a) => a.role === 'rm').map((a) => a.userId));
  // Delegates of away holders, by the releases module's one rule (`actorsForRole`): at level 1 for every role (the
  // role holders are asked there), and at every level for the Release Manager.
  const everyone = await whoMayActForAnyRole(deps, release);
  const actors = levelOneAcknowledgers(everyone);
  const actingFor = new Map<string, string>();
  if (target.level === 1) {
    for (const actor of actors) {
      if (!actor.forHolder) pinged.add(actor.userId);
      // Level 1's default pings name the delegates too: they act for the holder, recorded so.
      else if (!managers.has(actor.userId)) actingFor.set(actor.userId, actor.forHolder);
    }
  }
  // The Release Manager may acknowledge at every level, and so may the RM's delegate, for the RM.
  for (const actor of everyone) {
    if (actor.role !== 'rm' || !actor.forHolder || managers.has(actor.userId)) continue;
    if (!pinged.has(actor.userId) && !actingFor.has(actor.userId)) actingFor.set(actor.userId, actor.forHolder);
  }
  return { pinged, pings: target.pings, managers, actingFor, raisedBy: escalation.raisedBy };
}
