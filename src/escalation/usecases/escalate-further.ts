import { readinessChanged } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import type { EscalationDeps } from '../deps.ts';
import { type Escalation, escalateTo } from '../domain/escalation.ts';
import { levelLabel, TOP_LEVEL } from '../domain/levels.ts';
import { type EscalationActionResult, staleOutcome } from './acknowledge-escalation.ts';
import {
  cancelSteps,
  deliverCurrentStep,
  levelTargets,
  notConfiguredHint,
  scheduleDelivery,
  scheduleNextStep,
  stepWaitMs,
} from './escalation-delivery.ts';
import { describeResolved, loadEscalation } from './escalation-lookup.ts';

/**
 * The Escalate button: moves the escalation to the next level at once, pending acknowledgement there (even if it
 * was acknowledged at this level). Beyond level 3, or to a level that is not configured, it is refused with the reason.
 * The button carries the step it was shown at: a double click, a redelivered click or a stale copy's button finds the
 * escalation moved on and changes nothing; the write is conditional on the step read, so a timer or another process
 * racing the click climbs once between them.
 */
export async function escalateFurther(
  deps: EscalationDeps,
  input: { escalationId: number; userId: string; step?: number | undefined },
): Promise<EscalationActionResult> {
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (): Promise<EscalationActionResult> => {
    const found = await loadEscalation(deps, input.escalationId);
    if (!found.ok) return found;
    const { escalation, release } = found;
    if (escalation.status === 'resolved') return fail(describeResolved(escalation));
    if (input.step !== undefined && input.step !== escalation.step) return movedOn(escalation);
    if (escalation.level >= TOP_LEVEL) {
      return fail(`Escalation #${escalation.id} is already at ${levelLabel(TOP_LEVEL)}, the highest level.`);
    }
    const to = (escalation.level + 1) as 2 | 3;
    const targets = await levelTargets(deps, release);
    if (!targets.has(to)) return fail(`I can't escalate #${escalation.id}: ${notConfiguredHint(to)}`);
    const wait = stepWaitMs({ level: to, category: escalation.category }, targets, release, now);
    const result = escalateTo(escalation, to, 'manual', input.userId, now, wait);
    if (!result.ok) return fail(`I can't escalate #${escalation.id} (${result.reason}).`);
    const claimed = await deps.store.escalations.saveIfCurrent(result.escalation, {
      step: escalation.step,
      status: escalation.status,
    });
    if (!claimed) {
      const current = await staleOutcome(deps, escalation.id);
      return current.ok ? movedOn(current.escalation) : current;
    }
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
  await readinessChanged(deps, outcome.release.id);
  return outcome;
}

function movedOn(escalation: Escalation): Failure {
  return fail(
    `Escalation #${escalation.id} has already moved on: it is at ${levelLabel(escalation.level)} now ` +
      `(${escalation.status}). Nothing changed.`,
  );
}
