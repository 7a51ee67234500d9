import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Absence } from '../../core/domain/absence.ts';
import { addDays } from '../../core/domain/calendar.ts';
import { ACTIVE_STATUSES, type Release, type ReleaseStatus } from '../../core/domain/release.ts';
import type { Role, RoleAssignment } from '../../core/domain/roles.ts';
import type { NewScheduleChange, ScheduleChange } from '../../core/domain/schedule-change.ts';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection, type Synchronous } from '../../platform/store/sqlite-transactions.ts';
import type { NewRelease, ReleaseStore } from '../ports.ts';
import { absences, releaseReschedules, releaseRoles, releases } from './schema.ts';

type ReleaseRow = typeof releases.$inferSelect;

function toRelease(row: ReleaseRow): Release {
  const { nameKey: _nameKey, ...release } = row;
  return release;
}

const ENDED: readonly ReleaseStatus[] = ['done', 'rolled_back', 'cancelled'];

type ScheduleChangeRow = typeof releaseReschedules.$inferSelect;

function toScheduleChange(row: ScheduleChangeRow): ScheduleChange {
  return {
    id: row.id,
    releaseId: row.releaseId,
    before: { targetDate: row.targetBefore, windowStart: row.windowStartBefore, windowEnd: row.windowEndBefore },
    after: { targetDate: row.targetAfter, windowStart: row.windowStartAfter, windowEnd: row.windowEndAfter },
    reason: row.reason,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
  };
}

function scheduleChangeRow(change: NewScheduleChange): Omit<ScheduleChangeRow, 'id'> {
  return {
    releaseId: change.releaseId,
    targetBefore: change.before.targetDate,
    windowStartBefore: change.before.windowStart,
    windowEndBefore: change.before.windowEnd,
    targetAfter: change.after.targetDate,
    windowStartAfter: change.after.windowStart,
    windowEndAfter: change.after.windowEnd,
    reason: change.reason,
    changedBy: change.changedBy,
    changedAt: change.changedAt,
  };
}

const toAbsence = ({ mayDecide, ...row }: typeof absences.$inferSelect): Absence => ({
  ...row,
  mayDecide: mayDecide === 1,
});

export function createReleaseStore(db: Db, run: RunOnConnection): ReleaseStore {
  return promised<ReleaseStore>(run, releaseQueries(db));
}

/**
 * The release store's synchronous body, also for other SQLite stores that read releases inside their own
 * synchronous bodies (the cadence store's active releases).
 */
export function releaseQueries(db: Db): Synchronous<ReleaseStore> {
  const active = inArray(releases.status, [...ACTIVE_STATUSES]);
  /** Ends the person's absences that cover `today` or later: kept through yesterday, or dropped if not begun yet. */
  const endAbsences = (releaseId: number, userId: string, today: string): boolean => {
    const person = and(eq(absences.releaseId, releaseId), eq(absences.userId, userId), gte(absences.untilDate, today));
    const dropped = db
      .delete(absences)
      .where(and(person, gte(absences.fromDate, today)))
      .run().changes;
    const ended = db
      .update(absences)
      .set({ untilDate: addDays(today, -1) })
      .where(person)
      .run().changes;
    return dropped + ended > 0;
  };
  // What every click reads (the release, its roles and absences), prepared once, not built per call.
  const byId = db
    .select()
    .from(releases)
    .where(eq(releases.id, sql.placeholder('id')))
    .prepare();
  const assignmentsOf = db
    .select()
    .from(releaseRoles)
    .where(eq(releaseRoles.releaseId, sql.placeholder('releaseId')))
    .orderBy(asc(releaseRoles.assignedAt), sql`rowid`)
    .prepare();
  const absencesOf = db
    .select()
    .from(absences)
    .where(eq(absences.releaseId, sql.placeholder('releaseId')))
    .orderBy(asc(absences.setAt), asc(absences.userId))
    .prepare();
  return {
    insert(input: NewRelease) {
      const row = db
        .insert(releases)
        .values({
          ...input,
          nameKey: input.name.toLowerCase(),
          status: 'planning',
          updatedAt: input.createdAt,
        })
        .returning()
        .get();
      return toRelease(row);
    },
    findById(id) {
      const row = byId.get({ id });
      return row && toRelease(row);
    },
    findActiveInChannel(teamId, channelId) {
      const row = db
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), eq(releases.channelId, channelId), active))
        .get();
      return row && toRelease(row);
    },
    findByName(teamId, name) {
      const row = db
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), eq(releases.nameKey, name.trim().toLowerCase())))
        .get();
      return row && toRelease(row);
    },
    listActive(teamId) {
      return db
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), active))
        .orderBy(asc(releases.targetDate), asc(releases.id))
        .all()
        .map(toRelease);
    },
    listFinished(teamId, limit) {
      return db
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), inArray(releases.status, [...ENDED])))
        .orderBy(desc(releases.endedAt), desc(releases.id))
        .limit(limit)
        .all()
        .map(toRelease);
    },
    setStatus(id, status, at) {
      const patch: Partial<ReleaseRow> = { status, updatedAt: at };
      if (status === 'shipped') patch.shippedAt = at;
      if (ENDED.includes(status)) patch.endedAt = at;
      const row = db.update(releases).set(patch).where(eq(releases.id, id)).returning().get();
      if (!row) throw new Error(`release ${id} does not exist`);
      return toRelease(row);
    },
    assignments(releaseId) {
      return assignmentsOf.all({ releaseId }) satisfies RoleAssignment[];
    },
    setAbsence(absence) {
      endAbsences(absence.releaseId, absence.userId, absence.fromDate ?? absence.untilDate);
      db.insert(absences)
        .values({
          releaseId: absence.releaseId,
          userId: absence.userId,
          fromDate: absence.fromDate,
          untilDate: absence.untilDate,
          delegateId: absence.delegateId,
          mayDecide: absence.mayDecide ? 1 : 0,
          setAt: absence.setAt,
        })
        .run();
    },
    endAbsence(releaseId, userId, today) {
      return endAbsences(releaseId, userId, today);
    },
    absences(releaseId) {
      return absencesOf.all({ releaseId }).map(toAbsence);
    },
    assign(assignment) {
      db.insert(releaseRoles).values(assignment).onConflictDoNothing().run();
    },
    unassign(releaseId: number, role: Role, userId: string) {
      const result = db
        .delete(releaseRoles)
        .where(and(eq(releaseRoles.releaseId, releaseId), eq(releaseRoles.role, role), eq(releaseRoles.userId, userId)))
        .run();
      return result.changes > 0;
    },
    listForMember(teamId, userId) {
      return db
        .select()
        .from(releases)
        .where(
          and(
            eq(releases.teamId, teamId),
            active,
            sql`exists (select 1 from ${releaseRoles} where ${releaseRoles.releaseId} = ${releases.id} and ${releaseRoles.userId} = ${userId})`,
          ),
        )
        .orderBy(asc(releases.targetDate))
        .all()
        .map(toRelease);
    },
    reschedule(change) {
      const { targetDate, windowStart, windowEnd } = change.after;
      const row = db
        .update(releases)
        .set({ targetDate, windowStart, windowEnd, updatedAt: change.changedAt })
        .where(eq(releases.id, change.releaseId))
        .returning()
        .get();
      if (!row) throw new Error(`release ${change.releaseId} does not exist`);
      db.insert(releaseReschedules).values(scheduleChangeRow(change)).run();
      return toRelease(row);
    },
    scheduleChanges(releaseId) {
      return db
        .select()
        .from(releaseReschedules)
        .where(eq(releaseReschedules.releaseId, releaseId))
        .orderBy(asc(releaseReschedules.id))
        .all()
        .map(toScheduleChange);
    },
  };
}
