import { readinessChanged } from '../../core/contributions.ts';
import { SYSTEM_ACTOR } from '../../core/domain/audit.ts';
import type { Release } from '../../core/domain/release.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { EscalationDeps } from '../deps.ts';
import { decideStep, type Escalation, escalateTo, expire, reping } from '../domain/escalation.ts';
import {
  configuredSet,
  deliverCurrentStep,
  levelTargets,
  refreshMessages,
  scheduleDelivery,
  scheduleNextStep,
  stepWaitMs,
} from './escalation-delivery.ts';
import { loadEscalation } from './escalation-lookup.ts';

function stepPayload(payload: unknown): { escalationId: number; step: number } | undefined {
  const p = payload as { escalationId?: unknown; step?: unknown } | null;
  return typeof p?.escalationId === 'number' && typeof p.step === 'number'
    ? { escalationId: p.escalationId, step: p.step }
    : undefined;
}

type Plan = { release: Release; escalation: Escalation; post: boolean; refresh: boolean };

/**
 * The `escalation.step` timer: nobody acknowledged in time, so escalate to the next configured level (or, at the
 * top, ping again), posting there with the history. The escalation's state and step number are read from the
 * database first, so a stale timer, an acknowledged or resolved escalation, or a second process does nothing; the
 * new step is committed (with its delivery timer) before posting, and a retried timer only posts what is still
 * missing. A post that fails is left to the delivery timer (`run-escalation-delivery.ts`).
 */
export async function runEscalationStep(deps: EscalationDeps, timer: Timer, now: Date): Promise<void> {
  const payload = stepPayload(timer.payload);
  if (!payload) {
    deps.logger.error(`escalation timer ${timer.key} has a malformed payload; ignoring it`);
    return;
  }
  const plan = await deps.store.transaction(async (): Promise<Plan | undefined> => {
    const found = await loadEscalation(deps, payload.escalationId);
    if (!found.ok) return undefined;
    const { escalation, release } = found;
    const targets = await levelTargets(deps, release);
    const decision = decideStep(escalation, payload.step, now, {
      maxAgeMs: deps.escalationMaxAgeMs,
      configured: configuredSet(targets),
    });
    if (decision.kind === 'skip') {
      // A retry of this timer after its step was committed but not posted: post it now (deliver checks for a post).
      const retry =
        decision.reason === 'stale_step' &&
        escalation.status === 'open' &&
        escalation.step === payload.step + 1 &&
        ['auto', 'reping'].includes(escalation.history[escalation.step]?.via ?? '');
      return retry ? { release, escalation, post: true, refresh: false } : undefined;
    }
    if (decision.kind === 'expire') {
      const expired = expire(escalation as Extract<Escalation, { status: 'open' }>, now);
      if (!(await deps.store.escalations.saveIfCurrent(expired, { step: escalation.step, status: 'open' }))) {
        return undefined;
      }
      await deps.store.audit.record({
        teamId: release.teamId,
        releaseId: release.id,
        actorId: SYSTEM_ACTOR,
        action: 'escalation.expired',
        subject: String(escalation.id),
        at: now,
      });
      return { release, escalation: expired, post: false, refresh: true };
    }
    const open = escalation as Extract<Escalation, { status: 'open' }>;
    let next: Escalation;
    if (decision.kind === 'escalate') {
      const wait = stepWaitMs({ level: decision.to, category: open.category }, targets, release, now);
      const moved = escalateTo(open, decision.to, 'auto', null, now, wait);
      if (!moved.ok) return undefined;
      next = moved.escalation;
    } else {
      next = reping(open, now, stepWaitMs(open, targets, release, now));
    }
    // The claim: a click (or another process) that moved the escalation first wins, and this timer does nothing.
    if (!(await deps.store.escalations.saveIfCurrent(next, { step: open.step, status: 'open' }))) return undefined;
    await scheduleNextStep(deps, next);
    await scheduleDelivery(deps, next, now);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: SYSTEM_ACTOR,
      action: decision.kind === 'escalate' ? 'escalation.escalated' : 'escalation.repinged',
      subject: String(escalation.id),
      before: { level: escalation.level, step: escalation.step },
      after: { level: next.level, step: next.step },
      at: now,
    });
    return { release, escalation: next, post: true, refresh: decision.kind === 'escalate' };
  });
  if (!plan) return;
  if (plan.post) {
    try {
      await deliverCurrentStep(deps, plan.release, plan.escalation);
    } catch (error) {
      // The step is committed; its delivery timer posts it within seconds, or tells the release channel why not.
      deps.logger.warn(`escalation ${plan.escalation.id}: posting step ${plan.escalation.step} failed`, error);
    }
  }
  // A climb's post refreshes the lower copies itself (deliverCurrentStep); an expiry only updates the messages.
  if (plan.refresh && !plan.post) await refreshMessages(deps, plan.release, plan.escalation);
  // A climb (to level 3, say) shows on an open poll's readiness and may make a Go stale (src/gate).
  if (plan.refresh) await readinessChanged(deps, plan.release.id);
}
