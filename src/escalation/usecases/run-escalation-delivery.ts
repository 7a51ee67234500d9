import { PostFailed, postFailureCode } from '../../core/domain/delivery.ts';
import { RetryTimer, type Timer } from '../../core/domain/timers.ts';
import type { EscalationDeps } from '../deps.ts';
import { DELIVERY_RETRY_MS, deliverCurrentStep, levelTargets, targetFor } from './escalation-delivery.ts';
import { loadEscalation } from './escalation-lookup.ts';

function deliveryPayload(payload: unknown): { escalationId: number; step: number } | undefined {
  const p = payload as { escalationId?: unknown; step?: unknown } | null;
  return typeof p?.escalationId === 'number' && typeof p.step === 'number'
    ? { escalationId: p.escalationId, step: p.step }
    : undefined;
}

export const unreachablePostKey = (escalationId: number, step: number) =>
  `escalation:${escalationId}:step:${step}:unreachable`;

/**
 * The `escalation.delivery` timer, scheduled with every step: posts what the step has not yet posted (nothing, when
 * the post right after the step landed). A post that Slack may still take (a lost answer, a rate limit, another try
 * holding it) is tried again within seconds (`DELIVERY_RETRY_MS`), not at the next step; one that Slack refused
 * (`not_in_channel`, an archived channel), or that still fails at the last try, is given up and the release channel
 * is told that the level could not be reached, with what to do. A step that moved on, or an escalation no longer
 * waiting for an acknowledgement, needs nothing.
 */
export async function runEscalationDelivery(deps: EscalationDeps, timer: Timer, now: Date): Promise<void> {
  const payload = deliveryPayload(timer.payload);
  if (!payload) {
    deps.logger.error(`escalation delivery timer ${timer.key} has a malformed payload; ignoring it`);
    return;
  }
  const found = await loadEscalation(deps, payload.escalationId);
  if (!found.ok) return;
  const { escalation, release } = found;
  if (escalation.status !== 'open' || escalation.step !== payload.step) return;
  try {
    await deliverCurrentStep(deps, release, escalation);
    return;
  } catch (error) {
    if (error instanceof PostFailed && error.inFlight) {
      // Another try (a replica that may have died mid-post) holds it: look again when its hold runs out. That is no
      // failure of Slack's, so it starts the back-off afresh rather than counting towards giving up.
      await deps.store.timers.schedule({
        kind: timer.kind,
        key: timer.key,
        releaseId: timer.releaseId,
        dueAt: new Date(Math.max(now.getTime(), error.notBefore?.getTime() ?? 0) + 1000),
        payload: timer.payload,
      });
      return;
    }
    const failure = postFailureCode(error);
    const next = DELIVERY_RETRY_MS[timer.attempts];
    if (failure.retryable && next !== undefined) {
      throw new RetryTimer(
        new Date(now.getTime() + next),
        `escalation ${escalation.id} not posted yet (${failure.code})`,
        {
          cause: error,
        },
      );
    }
    const targets = await levelTargets(deps, release);
    const channelId = targetFor(targets, escalation.level).channelId;
    deps.logger.error(`escalation ${escalation.id}: level ${escalation.level} in ${channelId} not reached`, error);
    await deps.escalationPager.postUnreachable(
      release.channelId,
      {
        escalation,
        release: { id: release.id, name: release.name, channelId: release.channelId },
        levelChannelId: channelId,
        reason: failure.code,
        needsInvite: failure.needsInvite,
        gaveUpAfter: failure.retryable ? timer.attempts : 1,
      },
      unreachablePostKey(escalation.id, escalation.step),
    );
  }
}
