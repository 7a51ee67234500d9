import { type Failure, fail } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import { acknowledgesFor, describeWhoMay, mayAcknowledge } from '../domain/entitlement.ts';
import { acknowledge, type Escalation } from '../domain/escalation.ts';
import { levelLabel } from '../domain/levels.ts';
import { cancelSteps, refreshMessages } from './escalation-delivery.ts';
import { entitlementFor } from './escalation-entitlement.ts';
import { describeResolved, loadEscalation } from './escalation-lookup.ts';

export type EscalationActionResult = { ok: true; escalation: Escalation; release: Release; changed: boolean } | Failure;

/**
 * Acknowledge: the escalation stops climbing at once (its pending step is cancelled in the same transaction). Only
 * someone entitled at the current level may (`entitlementFor`); everyone else is told who may. A second
 * acknowledgement counts once (the write is conditional on the state read, so two racing clicks record one); on a
 * resolved escalation nothing changes and the person is told why.
 */
export async function acknowledgeEscalation(
  deps: EscalationDeps,
  input: { escalationId: number; userId: string },
): Promise<EscalationActionResult> {
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (): Promise<EscalationActionResult> => {
    const found = await loadEscalation(deps, input.escalationId);
    if (!found.ok) return found;
    const { escalation, release } = found;
    if (escalation.status === 'resolved') return fail(describeResolved(escalation));
    if (escalation.status === 'acknowledged') return { ok: true, escalation, release, changed: false };
    const entitlement = await entitlementFor(deps, release, escalation);
    if (!mayAcknowledge(entitlement, input.userId)) {
      return fail(
        describeWhoMay('acknowledge', entitlement, { id: escalation.id, levelLabel: levelLabel(escalation.level) }),
      );
    }
    const forHolder = acknowledgesFor(entitlement, input.userId);
    const result = acknowledge(escalation, input.userId, now, forHolder);
    if (!result.ok) return fail(describeResolved(escalation));
    if (!result.changed) return { ok: true, escalation, release, changed: false };
    const claimed = await deps.store.escalations.saveIfCurrent(result.escalation, {
      step: escalation.step,
      status: escalation.status,
    });
    if (!claimed) return staleOutcome(deps, input.escalationId);
    await cancelSteps(deps, escalation);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.userId,
      action: 'escalation.acknowledged',
      subject: String(escalation.id),
      after: { level: escalation.level, ...(forHolder ? { onBehalfOf: forHolder } : {}) },
      at: now,
    });
    return { ok: true, escalation: result.escalation, release, changed: true };
  });
  if (outcome.ok && outcome.changed) {
    deps.homeRefresh.changed(outcome.release.id);
    await refreshMessages(deps, outcome.release, outcome.escalation);
  }
  return outcome;
}

/** Someone moved the escalation between the read and the write: report its state now, changing nothing. */
export async function staleOutcome(deps: EscalationDeps, escalationId: number): Promise<EscalationActionResult> {
  const found = await loadEscalation(deps, escalationId);
  if (!found.ok) return found;
  if (found.escalation.status === 'resolved') return fail(describeResolved(found.escalation));
  return { ok: true, escalation: found.escalation, release: found.release, changed: false };
}
