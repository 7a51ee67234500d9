import { type Failure, fail } from '../../core/deps.ts';
import type { Absence } from '../../core/domain/absence.ts';
import { calendarDateIn, daysBetween, parseCalendarDate } from '../../core/domain/calendar.ts';
import { code, releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import type { Release } from '../../core/domain/release.ts';
import { isReleaseManager, rolesOf } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';

export type SetAbsenceInput = {
  release: Release;
  actorId: string;
  until?: string | undefined;
  delegateId?: string | undefined;
  decide?: string | undefined;
};

export type SetAbsenceResult = { ok: true; absence: Absence } | Failure;

/** An absence may be set this far ahead at most; past that, roles should be handed over instead. */
export const MAX_ABSENCE_DAYS = 90;

/**
 * `/release away`: the person is away through `until` (today when not given), optionally with a delegate, who must
 * be a person (the human-only rule, as for the RM) and not the one who is away. `decide:yes` lets the RM's delegate
 * decide as well. Only role holders can be away from a release: nobody else is waited for.
 */
export async function setAbsence(deps: ReleasesDeps, input: SetAbsenceInput): Promise<SetAbsenceResult> {
  const { release } = input;
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  const until = input.until === undefined ? today : parseCalendarDate(input.until);
  if (!until)
    return fail(`${code(input.until ?? '')} is not a date: write it as YYYY-MM-DD, e.g. \`until:2026-12-04\`.`);
  if (daysBetween(today, until) < 0) return fail(`${until} is in the past; the last day away is today or later.`);
  if (daysBetween(today, until) > MAX_ABSENCE_DAYS)
    return fail(
      `${until} is more than ${MAX_ABSENCE_DAYS} days away; hand the role over with \`/release role\` instead.`,
    );
  const decide = input.decide?.toLowerCase();
  if (decide !== undefined && decide !== 'yes' && decide !== 'no')
    return fail(`\`decide:\` is \`yes\` or \`no\`, not ${code(input.decide ?? '')}.`);
  if (input.delegateId !== undefined) {
    if (input.delegateId === input.actorId) return fail('Name someone else as your delegate.');
    const person = await deps.users.lookup(input.delegateId);
    const why = person ? whyNotHuman(person) : `<@${input.delegateId}> is not a known account`;
    if (why) return fail(`A delegate acts for a person and must be one: ${why}.`);
  }
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (): Promise<SetAbsenceResult> => {
    const assignments = await deps.store.releases.assignments(release.id);
    if (rolesOf(assignments, input.actorId).length === 0)
      return fail(`You hold no role in ${releaseLabel(release)}, so nobody waits for you there.`);
    if (decide === 'yes' && !isReleaseManager(assignments, input.actorId))
      return fail('`decide:yes` is for the Release Manager’s delegate; the other roles do not decide.');
    if (decide === 'yes' && !input.delegateId) return fail('`decide:yes` needs a delegate: `delegate:@person`.');
    const absence: Absence = {
      releaseId: release.id,
      userId: input.actorId,
      fromDate: today,
      untilDate: until,
      delegateId: input.delegateId ?? null,
      mayDecide: decide === 'yes',
      setAt: now,
    };
    await deps.store.releases.setAbsence(absence);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'release.away',
      subject: input.actorId,
      after: { until, delegateId: absence.delegateId, mayDecide: absence.mayDecide },
      at: now,
    });
    return { ok: true, absence };
  });
  // The delegate's App Home now offers the holder's items (and a former delegate's no longer does).
  if (result.ok) deps.homeRefresh.changed(release.id);
  return result;
}

/** `/release away off`: back; false when the person was not away. */
export async function endAbsence(deps: ReleasesDeps, release: Release, actorId: string): Promise<boolean> {
  const ended = await deps.store.transaction(async () => {
    const today = calendarDateIn(deps.clock.now(), release.timeZone);
    const ended = await deps.store.releases.endAbsence(release.id, actorId, today);
    if (ended) {
      await deps.store.audit.record({
        teamId: release.teamId,
        releaseId: release.id,
        actorId,
        action: 'release.back',
        subject: actorId,
        at: deps.clock.now(),
      });
    }
    return ended;
  });
  if (ended) deps.homeRefresh.changed(release.id);
  return ended;
}
