import { type Absence, isAwayOn } from '../../core/domain/absence.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';

/**
 * Someone who may act for a role now: a holder (`forHolder` null), or the delegate of an absent holder
 * (`forHolder` the holder, so the act is recorded "by @delegate for @holder"). `mayDecide` is false only for the
 * Release Manager's delegate not named with `decide:yes`: voting, answering and acknowledging are theirs, deciding
 * is not.
 */
export type RoleActor = { userId: string; role: Role; forHolder: string | null; mayDecide: boolean };

/**
 * Who may act for `role` on `today` (a calendar date in the release's zone): every holder (an away holder may still
 * act), and the delegate of each holder away that day. Pure; `whoMayActFor` reads the release's state for it.
 */
export function actorsForRole(
  assignments: readonly RoleAssignment[],
  absences: readonly Absence[],
  role: Role,
  today: string,
): RoleActor[] {
  const holders = holdersOf(assignments, role);
  const out: RoleActor[] = holders.map((userId) => ({ userId, role, forHolder: null, mayDecide: true }));
  for (const holder of holders) {
    const absence = absences.find((a) => a.userId === holder && isAwayOn(a, today));
    if (!absence?.delegateId || holders.includes(absence.delegateId)) continue;
    if (out.some((a) => a.userId === absence.delegateId)) continue;
    out.push({ userId: absence.delegateId, role, forHolder: holder, mayDecide: role !== 'rm' || absence.mayDecide });
  }
  return out;
}

/** The holders away on `today`. */
export function awayOn(absences: readonly Absence[], today: string): Absence[] {
  return absences.filter((a) => isAwayOn(a, today));
}

/** Who may act for `role` of `release` now: the one place votes, standups and escalations ask. */
export async function whoMayActFor(deps: ReleasesDeps, release: Release, role: Role): Promise<RoleActor[]> {
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  const [assignments, absences] = await Promise.all([
    deps.store.releases.assignments(release.id),
    deps.store.releases.absences(release.id),
  ]);
  return actorsForRole(assignments, absences, role, today);
}

/**
 * Everyone who may act for some role of `release` now (`actorsForRole` for each role, in role order): what an
 * escalation's level 1 asks. A person appears once per role they act for.
 */
export async function whoMayActForAnyRole(deps: ReleasesDeps, release: Release): Promise<RoleActor[]> {
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  const [assignments, absences] = await Promise.all([
    deps.store.releases.assignments(release.id),
    deps.store.releases.absences(release.id),
  ]);
  return ROLES.flatMap((role) => actorsForRole(assignments, absences, role, today));
}

/** The people away from `release` today. */
export async function awayToday(deps: ReleasesDeps, release: Release): Promise<Absence[]> {
  return awayOn(await deps.store.releases.absences(release.id), calendarDateIn(deps.clock.now(), release.timeZone));
}
