import type { Release } from '../../core/domain/release.ts';
import type { PostedMessage } from '../../core/ports.ts';
import { whoMayActForAnyRole } from '../../releases/index.ts';
import type { EscalationDeps } from '../deps.ts';
import { levelOneAcknowledgers } from '../domain/entitlement.ts';
import type { Escalation, EscalationAlert } from '../domain/escalation.ts';
import {
  configureCommand,
  DEFAULT_ACK_MS,
  ESCALATION_LEVELS,
  type EscalationLevel,
  type LevelSetting,
  type LevelSource,
  levelLabel,
  reachableLevel,
} from '../domain/levels.ts';
import { DEFAULT_HOURS, dueAfter, hoursFor, neverPaused, pausedUntil, type QuietHours } from '../domain/quiet-hours.ts';
import type { EscalationCard, EscalationMessage } from '../ports.ts';

/** Where a level posts, whom it pings, how long it waits and when its climb timer runs, once defaults apply. */
export type LevelTarget = {
  level: EscalationLevel;
  channelId: string;
  pings: string[];
  ackMs: number;
  hours: QuietHours;
  source: LevelSource;
};

export type LevelTargets = Map<EscalationLevel, LevelTarget>;

function targetOf(setting: LevelSetting, holders: string[], source: LevelSource): LevelTarget {
  return {
    level: setting.level,
    channelId: setting.channelId,
    pings: setting.level === 1 && setting.pings.length === 0 ? holders : setting.pings,
    ackMs: setting.ackMs,
    hours: hoursFor(setting.level, setting),
    source,
  };
}

/**
 * The usable levels for a release: level 1 defaults to the release channel and its role holders; the workspace's
 * defaults come next, and the release's own overrides (set by its Release Manager) win for that release only.
 */
export async function levelTargets(deps: EscalationDeps, release: Release): Promise<LevelTargets> {
  const targets: LevelTargets = new Map();
  // Level 1 pings everyone who may act for a role now: the holders and the delegates of those away.
  const holders = levelOneAcknowledgers(await whoMayActForAnyRole(deps, release)).map((a) => a.userId);
  targets.set(1, {
    level: 1,
    channelId: release.channelId,
    pings: holders,
    ackMs: DEFAULT_ACK_MS[1],
    hours: DEFAULT_HOURS[1],
    source: 'default',
  });
  for (const s of await deps.store.escalations.levelSettings(release.teamId)) {
    targets.set(s.level, targetOf(s, holders, 'workspace'));
  }
  for (const s of await deps.store.escalations.releaseLevelSettings(release.id)) {
    targets.set(s.level, targetOf(s, holders, 'release'));
  }
  return targets;
}

/** Where `level` is served: the level itself when configured, else the highest configured level below it. */
export function targetFor(targets: LevelTargets, level: EscalationLevel): LevelTarget {
  // Level 1 is always present, so falling back to it never fails.
  return (targets.get(reachableLevel(level, configuredSet(targets))) ?? targets.get(1)) as LevelTarget;
}

export function configuredSet(targets: LevelTargets): Set<EscalationLevel> {
  return new Set(ESCALATION_LEVELS.filter((level) => targets.has(level)));
}

/** The hours the climb away from `escalation`'s level runs in: never paused for the seed's level-3 incidents. */
export function climbHours(escalation: Pick<Escalation, 'level' | 'category'>, targets: LevelTargets): QuietHours {
  if (neverPaused(escalation.category)) return { always: true };
  return targets.get(escalation.level)?.hours ?? DEFAULT_HOURS[escalation.level];
}

/**
 * How long the next step waits from `now`: the level's acknowledgement time counted within its hours, so a timer
 * started (or running) outside them is paused until they begin. The due time goes into the database with the step.
 */
export function stepWaitMs(
  escalation: Pick<Escalation, 'level' | 'category'>,
  targets: LevelTargets,
  release: Pick<Release, 'timeZone'>,
  now: Date,
): number {
  // A level that is not set up still counts as itself: it waits its own default time, not the lower level's.
  const ackMs = targets.get(escalation.level)?.ackMs ?? DEFAULT_ACK_MS[escalation.level];
  return dueAfter(now, ackMs, climbHours(escalation, targets), release.timeZone).getTime() - now.getTime();
}

export function notConfiguredHint(level: EscalationLevel): string {
  return `${levelLabel(level)} is not configured yet. A workspace admin sets it up for every release with \`${configureCommand(level)}\`, or the Release Manager for this release with \`${configureCommand(level, 'release')}\`.`;
}

/** A hint for a posting that pings the same level again because no higher level is configured. */
export function stepHint(escalation: Escalation, targets: LevelTargets): string | undefined {
  const current = escalation.history[escalation.step];
  if (current?.via !== 'reping' || escalation.level >= 3) return undefined;
  const missing = ESCALATION_LEVELS.find((level) => level > escalation.level && !targets.has(level));
  return missing ? `Nobody acknowledged and ${notConfiguredHint(missing)}` : undefined;
}

export function cardFor(
  deps: Pick<EscalationDeps, 'clock'>,
  release: Release,
  escalation: Escalation,
  targets: LevelTargets,
  postedLevel: EscalationLevel,
  hint?: string,
  alert?: EscalationAlert,
): EscalationCard {
  const target = targetFor(targets, postedLevel);
  const paused =
    escalation.status === 'open'
      ? pausedUntil(deps.clock.now(), climbHours(escalation, targets), release.timeZone)
      : undefined;
  return {
    escalation,
    release: { id: release.id, name: release.name, channelId: release.channelId, timeZone: release.timeZone },
    postedLevel,
    pings: target.pings,
    ...(target.level !== postedLevel ? { fallback: { missing: postedLevel, channelId: target.channelId } } : {}),
    ...(paused ? { pausedUntil: paused } : {}),
    ...(hint ? { hint } : {}),
    ...(alert ? { alert } : {}),
  };
}

/** The key of a step's level post, and of the raise's notice: each is posted once (`EscalationPager`). */
export const levelPostKey = (escalationId: number, step: number) => `escalation:${escalationId}:step:${step}`;
export const noticePostKey = (escalationId: number) => `escalation:${escalationId}:notice`;

export const repingPostKey = (escalationId: number, step: number) => `escalation:${escalationId}:step:${step}:reping`;
export const managerNoticeKey = (escalationId: number, userId: string) => `escalation:${escalationId}:rm:${userId}`;

/** The live message of the escalation at its current level: the latest top-level post at that level. */
export function liveMessage(messages: EscalationMessage[], escalation: Escalation): EscalationMessage | undefined {
  return messages.filter((m) => m.kind === 'level' && m.level === escalation.level).at(-1);
}

/**
 * Posts the message for the escalation's current step in its level's channel, unless it is already posted (a
 * retried timer, a replica that took a step over, or a post whose answer was lost posts at most once: the pager
 * posts once per key). A re-ping is a threaded reply under the level's live message, mentioning the pinged again.
 * The raise also gets a notice in the release channel and, when its level is not set up, a direct message to the
 * Release Managers. Throws when Slack fails, so the step's delivery timer retries.
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
  const existing = already.find((m) => m.step === escalation.step && (m.kind === 'level' || m.kind === 'reping'));
  const alert = await escalations.alertOf(escalation.id);
  const card = cardFor(
    deps,
    release,
    escalation,
    targets,
    escalation.level,
    hint ?? stepHint(escalation, targets),
    alert,
  );
  const channelId = targetFor(targets, escalation.level).channelId;
  const root = liveMessage(already, escalation);
  const isReping = escalation.history[escalation.step]?.via === 'reping' && root?.channelId === channelId;
  let levelMessage: PostedMessage;
  if (existing) {
    levelMessage = existing.kind === 'reping' && root ? root : existing;
  } else if (isReping && root) {
    const reply = await deps.escalationPager.postReping(
      channelId,
      card,
      root,
      repingPostKey(escalation.id, escalation.step),
    );
    await escalations.addMessage({
      escalationId: escalation.id,
      step: escalation.step,
      kind: 'reping',
      level: escalation.level,
      channelId: reply.channelId,
      ts: reply.ts,
      postedAt: deps.clock.now(),
    });
    levelMessage = root;
  } else {
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
  if (escalation.step === 0 && card.fallback) {
    // No silent downgrade: the Release Managers hear that the level was not reached, and how to set it up.
    const managers = (await deps.store.releases.assignments(release.id)).filter((a) => a.role === 'rm');
    for (const rm of managers) {
      await deps.escalationPager.postDirect(
        rm.userId,
        card,
        levelMessage,
        notConfiguredHint(card.fallback.missing),
        managerNoticeKey(escalation.id, rm.userId),
      );
    }
  }
  const via = escalation.history[escalation.step]?.via;
  if (via === 'auto' || via === 'manual') {
    // A climb: the lower levels' copies now point up to this one and lose their buttons. Part of the step's
    // delivery, so a process killed between the post and the updates leaves them to whoever delivers next.
    await refreshMessages(deps, release, escalation, { skipStep: escalation.step });
  }
  // Everything the step posts has landed: its delivery timer has nothing left to do.
  await deps.store.timers.cancel(deliveryTimerKey(escalation.id, escalation.step));
  return levelMessage;
}

/**
 * Re-renders every message posted for the escalation from its current state (in place), except `skipStep`'s level
 * message which was just posted: a lower level's copy then points up to the live one and loses its buttons.
 * Re-ping replies stay as they are. A failed update is logged and does not stop the others.
 */
export async function refreshMessages(
  deps: EscalationDeps,
  release: Release,
  escalation: Escalation,
  options: { skipStep?: number } = {},
): Promise<number> {
  const targets = await levelTargets(deps, release);
  const messages = await deps.store.escalations.messages(escalation.id);
  const current = liveMessage(messages, escalation);
  const alert = await deps.store.escalations.alertOf(escalation.id);
  let failed = 0;
  for (const message of messages) {
    if (message.kind === 'reping') continue;
    if (message.kind === 'level' && message.step === options.skipStep) continue;
    const card = cardFor(deps, release, escalation, targets, message.level, undefined, alert);
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
