import { type Failure, fail } from '../../core/deps.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { formatInformedMention, type InformedParty, informedParties } from '../../core/domain/informed.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import type { ReleaseDates, ScheduleChange } from '../../core/domain/schedule-change.ts';
import type { GovernanceDeps } from '../deps.ts';
import { authorityArea } from '../domain/authority.ts';
import type { Decision } from '../domain/decision.ts';
import { decideReschedule, describeReschedule, type RescheduleDraft } from '../domain/reschedule.ts';

export type RescheduleInput = { release: Release; actorId: string; draft: RescheduleDraft };
export type RescheduleResult =
  | {
      ok: true;
      release: Release;
      before: ReleaseDates;
      change: ScheduleChange;
      decision: Decision;
      /** Which reschedule of this release it is (1 for the first). */
      count: number;
      informed: string | undefined;
    }
  | Failure;

/** Only a release that has not shipped has dates that still mean something to move. */
const MOVABLE: readonly Release['status'][] = ['planning', 'approved'];

const datesOf = (release: Release): ReleaseDates => ({
  targetDate: release.targetDate,
  windowStart: release.windowStart,
  windowEnd: release.windowEnd,
});

/**
 * A schedule change touches the plan and the deployment date: the Informed roles of Release Planning and of
 * Deployment are told (the planning row has none; Deployment keeps the QA Lead and the Product Owner informed).
 */
function scheduleInformed(assignments: Parameters<typeof informedParties>[1]): string | undefined {
  const parties: InformedParty[] = [];
  for (const activity of ['release_planning', 'deployment'] as const) {
    for (const party of informedParties(activity, assignments)) {
      if (!parties.some((p) => p.role === party.role)) parties.push(party);
    }
  }
  return formatInformedMention('deployment', parties);
}

/**
 * `/release reschedule` (and `/release decide schedule … target:`): the Release Manager moves the target and the
 * window. One transaction checks everything against the release as it is, moves the dates, appends the change to the
 * release's schedule history, records it in the decision log (area `schedule`) and the audit log, and runs the other
 * modules' `releaseRescheduled` steps (the cadence re-plans from the new dates). Bad input changes nothing.
 */
export async function rescheduleRelease(deps: GovernanceDeps, input: RescheduleInput): Promise<RescheduleResult> {
  const person = await deps.users.lookup(input.actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only a person moves a release’s dates.`);
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<RescheduleResult> => {
    const before = await store.releases.findById(input.release.id);
    if (!before) return fail('That release no longer exists.');
    const assignments = await store.releases.assignments(before.id);
    if (!isReleaseManager(assignments, input.actorId)) {
      const managers = holdersOf(assignments, 'rm');
      const who = managers.length > 0 ? ` (${managers.map((id) => `<@${id}>`).join(', ')})` : '';
      return fail(
        `Only the ${ROLE_LABELS.rm}${who} moves the dates of ${releaseLabel(before)}: schedule adjustments are theirs.`,
      );
    }
    if (!MOVABLE.includes(before.status)) {
      return fail(
        `${releaseLabel(before)} is ${STATUS_LABELS[before.status].toLowerCase()}; its dates no longer move.`,
      );
    }
    const decided = decideReschedule({
      current: datesOf(before),
      today: calendarDateIn(now, before.timeZone),
      draft: input.draft,
    });
    if (!decided.ok) return fail(decided.message);
    const release = await store.releases.reschedule({
      releaseId: before.id,
      before: datesOf(before),
      after: decided.after,
      reason: decided.reason,
      changedBy: input.actorId,
      changedAt: now,
    });
    const changes = await store.releases.scheduleChanges(before.id);
    const change = changes.at(-1) as ScheduleChange;
    const area = authorityArea('schedule');
    // A recorded disagreement about the schedule is settled by this decision, as by `/release decide schedule`.
    const conflicts = (await store.governance.conflicts(before.id))
      .filter((c) => c.area === 'schedule' && c.resolvedByDecisionId === null)
      .map((c) => ({ id: c.id, perspectiveA: c.perspectiveA, perspectiveB: c.perspectiveB }));
    const decision = await store.decisions.record({
      teamId: before.teamId,
      releaseId: before.id,
      kind: 'authority',
      area: area?.key ?? 'schedule',
      outcome: `Rescheduled: ${describeReschedule(datesOf(before), decided.after)}`,
      rationale: decided.reason,
      decidedBy: input.actorId,
      decidedAt: now,
      details: { role: 'rm', scheduleChangeId: change.id, before: change.before, after: change.after, conflicts },
    });
    await store.governance.resolveConflicts(before.id, 'schedule', decision.id);
    await store.audit.record({
      teamId: before.teamId,
      releaseId: before.id,
      actorId: input.actorId,
      action: 'release.rescheduled',
      subject: String(change.id),
      before: change.before,
      after: { ...change.after, reason: decided.reason },
      at: now,
    });
    for (const hook of deps.contributions.releaseRescheduled) await hook(release, before, now, input.actorId);
    return {
      ok: true,
      release,
      before: datesOf(before),
      change,
      decision,
      count: changes.length,
      informed: scheduleInformed(assignments),
    };
  });
}
