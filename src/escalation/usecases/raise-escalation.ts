import { readinessChanged } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import { postFailureCode } from '../../core/domain/delivery.ts';
import { whyNotWebLink } from '../../core/domain/links.ts';
import { escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import type { PostedMessage } from '../../core/ports.ts';
import type { EscalationDeps } from '../deps.ts';
import { type Escalation, type EscalationAlert, firedAgain, openNewEscalation } from '../domain/escalation.ts';
import { decideRaiseLevel, type EscalationCategory, type EscalationLevel } from '../domain/levels.ts';
import {
  configuredSet,
  deliverCurrentStep,
  levelTargets,
  notConfiguredHint,
  refreshMessages,
  scheduleDelivery,
  scheduleNextStep,
  stepWaitMs,
  targetFor,
} from './escalation-delivery.ts';

export const MAX_SUMMARY = 1500;
export const MAX_DEDUP_KEY = 200;

export type RaiseEscalationInput = {
  release: Release;
  raisedBy: string;
  summary: string;
  category?: EscalationCategory | undefined;
  level?: EscalationLevel | undefined;
  /**
   * Raised by a monitor (the HTTP API): its link and dedup key. While an escalation raised with the same key is not
   * resolved, raising again adds "fired again" to it instead of a new escalation.
   */
  alert?: { dedupKey?: string | undefined; sourceUrl?: string | undefined } | undefined;
};

export type RaiseEscalationResult =
  | {
      ok: true;
      escalation: Escalation;
      /** The level asked for (or implied by the category) when it is not set up: recorded there, posted lower. */
      missingLevel: EscalationLevel | undefined;
      /** Set when the escalation is recorded (and its timer runs) but Slack refused the post. */
      deliveryProblem: string | undefined;
      levelMessage: PostedMessage | undefined;
      /** Set when the alert fired again: the existing escalation and how often it has fired now. */
      repeat: EscalationAlert | undefined;
    }
  | Failure;

/**
 * Raises an escalation on a release: recorded with its first step timer in one transaction, then posted in the
 * level's channel with a notice in the release channel. Other features (the standup's Escalate button) call this too.
 */
export async function raiseEscalation(
  deps: EscalationDeps,
  input: RaiseEscalationInput,
): Promise<RaiseEscalationResult> {
  const { release } = input;
  const summary = input.summary.trim();
  if (summary === '')
    return fail('Say what the escalation is about, e.g. `/release escalate category:blocker CI is down`.');
  if (summary.length > MAX_SUMMARY) {
    return fail(`The summary is ${summary.length} characters; keep it under ${MAX_SUMMARY} and link to the details.`);
  }
  const source = input.alert?.sourceUrl;
  const badSource = source === undefined ? undefined : whyNotWebLink(source);
  if (badSource) return fail(`The source: ${badSource}`);
  if ((input.alert?.dedupKey?.length ?? 0) > MAX_DEDUP_KEY) {
    return fail(`A dedup key is at most ${MAX_DEDUP_KEY} characters.`);
  }
  const ended = (r: Release) =>
    fail(`${releaseLabel(r)} has ended (${r.status.replace('_', ' ')}); escalate on an active release.`);
  if (!isActive(release)) return ended(release);
  const now = deps.clock.now();
  // The release's state and the configured levels are read again in the transaction that records the escalation.
  const recorded = await deps.store.transaction(async () => {
    const current = await deps.store.releases.findById(release.id);
    if (current && !isActive(current)) return ended(current);
    const dedupKey = input.alert?.dedupKey;
    const open = dedupKey ? await deps.store.escalations.activeAlert(release.id, dedupKey) : undefined;
    if (open) {
      // The same alert again while its escalation is still open: one escalation that says how often it fired.
      const repeat = firedAgain(open.alert, now);
      await deps.store.escalations.saveAlert(repeat);
      await deps.store.audit.record({
        teamId: release.teamId,
        releaseId: release.id,
        actorId: input.raisedBy,
        action: 'escalation.fired_again',
        subject: String(open.escalation.id),
        after: { fired: repeat.fired, dedupKey },
        at: now,
      });
      return { ok: true as const, repeat, escalation: open.escalation };
    }
    const targets = await levelTargets(deps, release);
    const placed = decideRaiseLevel(input.level, input.category, configuredSet(targets));
    const created = await deps.store.escalations.insert(
      openNewEscalation(
        {
          teamId: release.teamId,
          releaseId: release.id,
          category: input.category ?? null,
          summary,
          raisedBy: input.raisedBy,
          level: placed.level,
        },
        now,
        stepWaitMs({ level: placed.level, category: input.category ?? null }, targets, release, now),
      ),
    );
    await scheduleNextStep(deps, created);
    await scheduleDelivery(deps, created, now);
    if (input.alert) {
      await deps.store.escalations.saveAlert({
        escalationId: created.id,
        releaseId: release.id,
        dedupKey: input.alert.dedupKey ?? null,
        sourceUrl: input.alert.sourceUrl ?? null,
        fired: 1,
        lastFiredAt: now,
      });
    }
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.raisedBy,
      action: 'escalation.raised',
      subject: String(created.id),
      after: { level: created.level, postedAt: placed.reachable, category: created.category },
      at: now,
    });
    return { ok: true as const, escalation: created, targets, placed, repeat: undefined };
  });
  if (!recorded.ok) return recorded;
  if (recorded.repeat) {
    // Nothing new to page: the messages already posted show the count (re-rendered in place).
    await refreshMessages(deps, release, recorded.escalation);
    return {
      ok: true,
      escalation: recorded.escalation,
      missingLevel: undefined,
      deliveryProblem: undefined,
      levelMessage: undefined,
      repeat: recorded.repeat,
    };
  }
  const { escalation, targets, placed } = recorded;
  // An open poll's readiness lists escalations, and a level-3 one makes a Go stale (src/gate).
  await readinessChanged(deps, release.id);
  const hint = placed.missing ? notConfiguredHint(placed.missing) : undefined;
  try {
    const levelMessage = await deliverCurrentStep(deps, release, escalation, hint);
    return {
      ok: true,
      escalation,
      missingLevel: placed.missing,
      deliveryProblem: undefined,
      levelMessage,
      repeat: undefined,
    };
  } catch (error) {
    deps.logger.error(`escalation ${escalation.id}: posting failed`, error);
    // The channel the raise posted to: the highest reachable level's when its own is not set up.
    const { channelId } = targetFor(targets, escalation.level);
    return {
      ok: true,
      escalation,
      missingLevel: placed.missing,
      levelMessage: undefined,
      repeat: undefined,
      deliveryProblem: describeDeliveryProblem(channelId, error),
    };
  }
}

/** Why the raise's post did not land and what happens now, for the person who raised it. */
export function describeDeliveryProblem(channelId: string, error: unknown): string {
  const failure = postFailureCode(error);
  const reason = escapeMrkdwn(failure.code);
  if (failure.needsInvite) {
    return (
      `I recorded the escalation and will keep escalating it, but I am not in <#${channelId}>, so nobody there was ` +
      'pinged. Invite me there with `/invite @release-bot`.'
    );
  }
  if (!failure.retryable) {
    return (
      `I recorded the escalation and will keep escalating it, but Slack refused the post in <#${channelId}> ` +
      `(${reason}), so nobody there was pinged; the release channel is told.`
    );
  }
  return (
    `I recorded the escalation, but Slack did not confirm the post in <#${channelId}> (${reason}). I keep trying ` +
    'for about a minute and tell the release channel if it does not get through.'
  );
}
