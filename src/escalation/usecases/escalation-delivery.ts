import type { Release } from '../../core/domain/release.ts';
import type { PostedMessage } from '../../core/ports.ts';
import type { EscalationDeps } from '../deps.ts';
import type { Escalation, EscalationAlert } from '../domain/escalation.ts';
import {
  configureCommand,
  DEFAULT_ACK_MS,
  ESCALATION_LEVELS,
  type EscalationLevel,
  levelLabel,
} from '../domain/levels.ts';
import type { EscalationCard } from '../ports.ts';

/** Where a level posts, whom it pings and how long it waits, once defaults are applied. */
export type LevelTarget = { level: EscalationLevel; channelId: string; pings: string[]; ackMs: number };

/**
 * The usable levels for a release: level 1 defaults to the release channel and its role holders; levels 2 and 3
 * exist only when configured for the workspace.
 */
export async function levelTargets(deps: EscalationDeps, release: Release): Promise<Map<EscalationLevel, LevelTarget>> {
  const targets = new Map<EscalationLevel, LevelTarget>();
  const settings = await deps.store.escalations.levelSettings(release.teamId);
  const holders = [...new Set((await deps.store.releases.assignments(release.id)).map((a) => a.userId))];
  targets.set(1, { level: 1, channelId: release.channelId, pings: holders, ackMs: DEFAULT_ACK_MS[1] });
  for (const s of settings) {
    targets.set(s.level, {
      level: s.level,
      channelId: s.channelId,
      pings: s.level === 1 && s.pings.length === 0 ? holders : s.pings,
      ackMs: s.ackMs,
    });
  }
  return targets;
}

export function targetFor(targets: Map<EscalationLevel, LevelTarget>, level: EscalationLevel): LevelTarget {
  // Level 1 is always present, so falling back to it never fails.
  return targets.get(level) ?? (targets.get(1) as LevelTarget);
}

export function configuredSet(targets: Map<EscalationLevel, LevelTarget>): Set<EscalationLevel> {
  return new Set(ESCALATION_LEVELS.filter((level) => targets.has(level)));
}

export function notConfiguredHint(level: EscalationLevel): string {
  return `${levelLabel(level)} is not configured yet. The Release Manager sets it up with \`${configureCommand(level)}\`.`;
}

/** A hint for a posting that pings the same level again because no higher level is configured. */
export function stepHint(escalation: Escalation, targets: Map<EscalationLevel, LevelTarget>): string | undefined {
  const current = escalation.history[escalation.step];
  if (current?.via !== 'reping' || escalation.level >= 3) return undefined;
  const missing = ESCALATION_LEVELS.find((level) => level > escalation.level && !targets.has(level));
  return missing ? `Nobody acknowledged and ${notConfiguredHint(missing)}` : undefined;
}

export function cardFor(
  release: Release,
  escalation: Escalation,
  targets: Map<EscalationLevel, LevelTarget>,
  postedLevel: EscalationLevel,
  hint?: string,
  alert?: EscalationAlert,
): EscalationCard {
  return {
    escalation,
    release: { id: release.id, name: release.name, channelId: release.channelId },
    postedLevel,
    pings: targetFor(targets, postedLevel).pings,
    ...(hint ? { hint } : {}),
    ...(alert ? { alert } : {}),
  };
}

/** The key of a step's level post, and of the raise's notice: each is posted once (`EscalationPager`). */
export const levelPostKey = (escalationId: number, step: number) => `escalation:${escalationId}:step:${step}`;
export const noticePostKey = (escalationId: number) => `escalation:${escalationId}:notice`;

/**
 * Posts the message for the escalation's current step in its level's channel, unless it is already posted (a
 * retried timer, a replica that took a step over, or a post whose answer was lost posts at most once: the pager
 * posts once per key); the raise also gets a notice in the release channel. Throws when Slack fails, so the
 * step's delivery timer retries.
 */
export async function deliverCurrentStep(
  deps: EscalationDeps,
  release: Release,
  escalation: Escalation,
  hint?: string,
): Promise<PostedMessage> {
  const { escalations } = deps.store;
  const targets = await levelTargets(deps, release);
  const already = await escalations.messages(escalation.id);
  const existing = already.find((m) => m.step === escalation.step && m.kind === 'level');
  const alert = await escalations.alertOf(escalation.id);
  const card = cardFor(release, escalation, targets, escalation.level, hint ?? stepHint(escalation, targets), alert);
  let levelMessage: PostedMessage;
  if (existing) {
    levelMessage = existing;
  } else {
    const channelId = targetFor(targets, escalation.level).channelId;
    levelMessage = await deps.escalationPager.postLevel(channelId, card, levelPostKey(escalation.id, escalation.step));
    await escalations.addMessage({
      escalationId: escalation.id,
      step: escalation.step,
      kind: 'level',
      level: escalation.level,
      channelId: levelMessage.channelId,
      ts: levelMessage.ts,
      postedAt: deps.clock.now(),
    });
  }
  const noticeDone = already.some((m) => m.kind === 'notice');
  if (escalation.step === 0 && !noticeDone && levelMessage.channelId !== release.channelId) {
    const notice = await deps.escalationPager.postNotice(
      release.channelId,
      card,
      levelMessage,
      noticePostKey(escalation.id),
    );
    await escalations.addMessage({
      escalationId: escalation.id,
      step: 0,
      kind: 'notice',
      level: escalation.level,
      channelId: notice.channelId,
      ts: notice.ts,
      postedAt: deps.clock.now(),
    });
  }
  // Everything the step posts has landed: its delivery timer has nothing left to do.
  await deps.store.timers.cancel(deliveryTimerKey(escalation.id, escalation.step));
  return levelMessage;
}

/**
 * Re-renders every message posted for the escalation from its current state (in place), except `skipStep`'s level
 * message which was just posted. A failed update is logged and does not stop the others.
 */
export async function refreshMessages(
  deps: EscalationDeps,
  release: Release,
  escalation: Escalation,
  options: { skipStep?: number } = {},
): Promise<number> {
  const targets = await levelTargets(deps, release);
  const messages = await deps.store.escalations.messages(escalation.id);
  const current = messages.find((m) => m.kind === 'level' && m.step === escalation.step);
  const alert = await deps.store.escalations.alertOf(escalation.id);
  let failed = 0;
  for (const message of messages) {
    if (message.kind === 'level' && message.step === options.skipStep) continue;
    const card = cardFor(release, escalation, targets, message.level, undefined, alert);
    try {
      await deps.escalationPager.update(message, card, current);
    } catch (error) {
      failed += 1;
      deps.logger.warn(
        `could not update escalation ${escalation.id} message ${message.channelId}/${message.ts}`,
        error,
      );
    }
  }
  return failed;
}

export function stepTimerKey(escalationId: number, step: number): string {
  return `escalation.step:${escalationId}:${step}`;
}

export const ESCALATION_STEP_TIMER = 'escalation.step';
export const ESCALATION_DELIVERY_TIMER = 'escalation.delivery';

export function deliveryTimerKey(escalationId: number, step: number): string {
  return `${ESCALATION_DELIVERY_TIMER}:${escalationId}:${step}`;
}

/**
 * When the delivery timer looks whether a step's posts landed, after the step: first soon after the in-process
 * attempt (which already retried a lost answer twice), then with back-off, each entry after the attempt before. The
 * attempt after the last gives up and tells the release channel.
 */
export const DELIVERY_RETRY_MS = [5_000, 10_000, 20_000, 30_000] as const;

/**
 * Schedules the step's delivery timer (inside the caller's transaction, with the step): if the post that follows
 * the commit does not land (Slack failed, the process died), the timer posts what is missing within seconds,
 * instead of nothing happening until the next step.
 */
export async function scheduleDelivery(deps: EscalationDeps, escalation: Escalation, now: Date): Promise<void> {
  await deps.store.timers.schedule({
    kind: ESCALATION_DELIVERY_TIMER,
    key: deliveryTimerKey(escalation.id, escalation.step),
    releaseId: escalation.releaseId,
    dueAt: new Date(now.getTime() + DELIVERY_RETRY_MS[0]),
    payload: { escalationId: escalation.id, step: escalation.step },
  });
}

/** Schedules the open escalation's next step (inside the caller's transaction). */
export async function scheduleNextStep(deps: EscalationDeps, escalation: Escalation): Promise<void> {
  if (escalation.status !== 'open') return;
  await deps.store.timers.schedule({
    kind: ESCALATION_STEP_TIMER,
    key: stepTimerKey(escalation.id, escalation.step),
    releaseId: escalation.releaseId,
    dueAt: escalation.nextStepAt,
    payload: { escalationId: escalation.id, step: escalation.step },
  });
}

/**
 * Cancels the pending step of the escalation. There is at most one: each step's timer is keyed by its step number
 * and earlier ones have run; a stray earlier timer would find the step moved on and do nothing.
 */
export async function cancelSteps(deps: EscalationDeps, escalation: Escalation): Promise<void> {
  await deps.store.timers.cancel(stepTimerKey(escalation.id, escalation.step));
}
