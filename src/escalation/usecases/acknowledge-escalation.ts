import { type Failure, fail } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import { acknowledge, type Escalation } from '../domain/escalation.ts';
import { cancelSteps, refreshMessages } from './escalation-delivery.ts';
import { describeResolved, loadEscalation } from './escalation-lookup.ts';

export type EscalationActionResult = { ok: true; escalation: Escalation; release: Release; changed: boolean } | Failure;

/**
 * Acknowledge: the escalation stops climbing at once (its pending step is cancelled in the same transaction). A
 * second acknowledgement counts once; on a resolved escalation nothing changes and the person is told why.
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
    const result = acknowledge(escalation, input.userId, now);
    if (!result.ok) return fail(describeResolved(escalation));
    if (!result.changed) return { ok: true, escalation, release, changed: false };
    await deps.store.escalations.save(result.escalation);
    await cancelSteps(deps, escalation);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.userId,
      action: 'escalation.acknowledged',
      subject: String(escalation.id),
      after: { level: escalation.level },
      at: now,
    });
    return { ok: true, escalation: result.escalation, release, changed: true };
  });
  if (outcome.ok && outcome.changed) await refreshMessages(deps, outcome.release, outcome.escalation);
  return outcome;
}
