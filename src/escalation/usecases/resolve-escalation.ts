import { fail } from '../../core/deps.ts';
import type { EscalationDeps } from '../deps.ts';
import { describeWhoMay, mayResolve } from '../domain/entitlement.ts';
import { type Escalation, resolve } from '../domain/escalation.ts';
import { levelLabel } from '../domain/levels.ts';
import { type EscalationActionResult, staleOutcome } from './acknowledge-escalation.ts';
import { cancelSteps, refreshMessages } from './escalation-delivery.ts';
import { entitlementFor } from './escalation-entitlement.ts';
import { describeResolved, loadEscalation } from './escalation-lookup.ts';

export const MAX_RESOLUTION = 1500;

/** Why `userId` may not resolve the escalation now, or undefined when they may. */
async function whyCannotResolve(
  deps: EscalationDeps,
  found: { escalation: Escalation; release: Parameters<typeof entitlementFor>[1] },
  userId: string,
): Promise<string | undefined> {
  const { escalation, release } = found;
  if (escalation.status === 'resolved') return describeResolved(escalation);
  const entitlement = await entitlementFor(deps, release, escalation);
  if (mayResolve(entitlement, userId)) return undefined;
  return describeWhoMay('resolve', entitlement, { id: escalation.id, levelLabel: levelLabel(escalation.level) });
}

/** Whether this person can still resolve it: the Resolve button checks before it opens the note form. */
export async function checkResolvable(
  deps: EscalationDeps,
  escalationId: number,
  userId: string,
): Promise<EscalationActionResult> {
  const found = await loadEscalation(deps, escalationId);
  if (!found.ok) return found;
  const denied = await whyCannotResolve(deps, found, userId);
  if (denied) return fail(denied);
  return { ...found, changed: false };
}

/** Resolve with a note: closes the escalation everywhere it was posted (every message updated in place). */
export async function resolveEscalation(
  deps: EscalationDeps,
  input: { escalationId: number; userId: string; note: string },
): Promise<EscalationActionResult> {
  const note = input.note.trim();
  if (note === '') return fail('Write a resolution note: what was done, or why no action is needed.');
  if (note.length > MAX_RESOLUTION) return fail(`Keep the resolution note under ${MAX_RESOLUTION} characters.`);
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (): Promise<EscalationActionResult> => {
    const found = await loadEscalation(deps, input.escalationId);
    if (!found.ok) return found;
    const { escalation, release } = found;
    const denied = await whyCannotResolve(deps, found, input.userId);
    if (denied) return fail(denied);
    const result = resolve(escalation, input.userId, note, now);
    if (!result.ok) return fail(describeResolved(escalation));
    const claimed = await deps.store.escalations.saveIfCurrent(result.escalation, {
      step: escalation.step,
      status: escalation.status,
    });
    if (!claimed) {
      const now2 = await staleOutcome(deps, input.escalationId);
      return now2.ok ? fail(`Escalation #${escalation.id} changed while you resolved it; try again.`) : now2;
    }
    await cancelSteps(deps, escalation);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.userId,
      action: 'escalation.resolved',
      subject: String(escalation.id),
      after: { level: escalation.level, resolution: note },
      at: now,
    });
    return { ok: true, escalation: result.escalation, release, changed: true };
  });
  if (outcome.ok) {
    deps.homeRefresh.changed(outcome.release.id);
    await refreshMessages(deps, outcome.release, outcome.escalation);
  }
  return outcome;
}
