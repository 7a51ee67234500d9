import { readinessChanged } from '../../core/contributions.ts';
import { fail } from '../../core/deps.ts';
import type { EscalationDeps } from '../deps.ts';
import { escalateTo } from '../domain/escalation.ts';
import { levelLabel, TOP_LEVEL } from '../domain/levels.ts';
import type { EscalationActionResult } from './acknowledge-escalation.ts';
import {
  cancelSteps,
  deliverCurrentStep,
  levelTargets,
  notConfiguredHint,
  refreshMessages,
  scheduleDelivery,
  scheduleNextStep,
  targetFor,
} from './escalation-delivery.ts';
import { describeResolved, loadEscalation } from './escalation-lookup.ts';

/**
 * The Escalate button: moves the escalation to the next level at once, pending acknowledgement there (even if it
 * was acknowledged at this level). Beyond level 3, or to a level that is not configured, it is refused with the reason.
 */
export async function escalateFurther(
  deps: EscalationDeps,
  input: { escalationId: number; userId: string },
): Promise<EscalationActionResult> {
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (): Promise<EscalationActionResult> => {
    const found = await loadEscalation(deps, input.escalationId);
    if (!found.ok) return found;
    const { escalation, release } = found;
    if (escalation.status === 'resolved') return fail(describeResolved(escalation));
    if (escalation.level >= TOP_LEVEL) {
      return fail(`Escalation #${escalation.id} is already at ${levelLabel(TOP_LEVEL)}, the highest level.`);
    }
    const to = (escalation.level + 1) as 2 | 3;
    const targets = await levelTargets(deps, release);
    if (!targets.has(to)) return fail(`I can't escalate #${escalation.id}: ${notConfiguredHint(to)}`);
    const result = escalateTo(escalation, to, 'manual', input.userId, now, targetFor(targets, to).ackMs);
    if (!result.ok) return fail(`I can't escalate #${escalation.id} (${result.reason}).`);
    await deps.store.escalations.save(result.escalation);
    await cancelSteps(deps, escalation);
    await scheduleNextStep(deps, result.escalation);
    await scheduleDelivery(deps, result.escalation, now);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.userId,
      action: 'escalation.escalated',
      subject: String(escalation.id),
      before: { level: escalation.level },
      after: { level: to },
      at: now,
    });
    return { ok: true, escalation: result.escalation, release, changed: true };
  });
  if (!outcome.ok) return outcome;
  try {
    await deliverCurrentStep(deps, outcome.release, outcome.escalation);
  } catch (error) {
    // Recorded; the step's delivery timer posts it within seconds, or tells the release channel why it cannot.
    deps.logger.warn(`escalation ${outcome.escalation.id}: posting level ${outcome.escalation.level} failed`, error);
  }
  await refreshMessages(deps, outcome.release, outcome.escalation, { skipStep: outcome.escalation.step });
  await readinessChanged(deps, outcome.release.id);
  return outcome;
}
