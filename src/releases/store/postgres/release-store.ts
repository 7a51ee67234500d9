import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Absence } from '../../../core/domain/absence.ts';
import { addDays } from '../../../core/domain/calendar.ts';
import { ACTIVE_STATUSES, type Release, type ReleaseStatus } from '../../../core/domain/release.ts';
import type { Role } from '../../../core/domain/roles.ts';
import type { NewScheduleChange, ScheduleChange } from '../../../core/domain/schedule-change.ts';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { NewRelease, ReleaseStore } from '../../ports.ts';
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

/** The SQLite release store's twin (`../release-store.ts`): the same rows, order and answers. */
const toAbsence = ({ mayDecide, ...row }: typeof absences.$inferSelect): Absence => ({
  ...row,
  mayDecide: mayDecide === 1,
});

export function createPostgresReleaseStore({ db }: PgContext): ReleaseStore {
  const active = inArray(releases.status, [...ACTIVE_STATUSES]);
  /** Ends the person's absences that cover `today` or later: kept through yesterday, or dropped if not begun yet. */
  const endAbsences = async (releaseId: number, userId: string, today: string): Promise<boolean> => {
    const person = and(eq(absences.releaseId, releaseId), eq(absences.userId, userId), gte(absences.untilDate, today));
    const dropped = await db()
      .delete(absences)
      .where(and(person, gte(absences.fromDate, today)));
    const ended = await db()
      .update(absences)
      .set({ untilDate: addDays(today, -1) })
      .where(person);
    return (dropped.rowCount ?? 0) + (ended.rowCount ?? 0) > 0;
  };
  return {
    async insert(input: NewRelease) {
      const [row] = await db()
        .insert(releases)
        .values({
          ...input,
          nameKey: input.name.toLowerCase(),
          status: 'planning',
          updatedAt: input.createdAt,
        })
        .returning();
      return toRelease(row!);
    },
    async findById(id) {
      const [row] = await db().select().from(releases).where(eq(releases.id, id));
      return row && toRelease(row);
    },
    async findActiveInChannel(teamId, channelId) {
      const [row] = await db()
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), eq(releases.channelId, channelId), active))
        .limit(1);
      return row && toRelease(row);
    },
    async findByName(teamId, name) {
      const [row] = await db()
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), eq(releases.nameKey, name.trim().toLowerCase())));
      return row && toRelease(row);
    },
    async listActive(teamId) {
      const rows = await db()
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), active))
        .orderBy(asc(releases.targetDate), asc(releases.id));
      return rows.map(toRelease);
    },
    async listFinished(teamId, limit) {
      const rows = await db()
        .select()
        .from(releases)
        .where(and(eq(releases.teamId, teamId), inArray(releases.status, [...ENDED])))
        // SQLite sorts NULL first, so last when descending; PostgreSQL needs telling.
        .orderBy(sql`${releases.endedAt} desc nulls last`, desc(releases.id))
        .limit(limit);
      return rows.map(toRelease);
    },
    async setStatus(id, status, at) {
      const patch: Partial<ReleaseRow> = { status, updatedAt: at };
      if (status === 'shipped') patch.shippedAt = at;
      if (ENDED.includes(status)) patch.endedAt = at;
      const [row] = await db().update(releases).set(patch).where(eq(releases.id, id)).returning();
      if (!row) throw new Error(`release ${id} does not exist`);
      return toRelease(row);
    },
    async assignments(releaseId) {
      return db()
        .select({
          releaseId: releaseRoles.releaseId,
          role: releaseRoles.role,
          userId: releaseRoles.userId,
          assignedBy: releaseRoles.assignedBy,
          assignedAt: releaseRoles.assignedAt,
        })
        .from(releaseRoles)
        .where(eq(releaseRoles.releaseId, releaseId))
        .orderBy(asc(releaseRoles.assignedAt), asc(releaseRoles.rowid));
    },
    async setAbsence(absence) {
      await endAbsences(absence.releaseId, absence.userId, absence.fromDate ?? absence.untilDate);
      await db()
        .insert(absences)
        .values({
          releaseId: absence.releaseId,
          userId: absence.userId,
          fromDate: absence.fromDate,
          untilDate: absence.untilDate,
          delegateId: absence.delegateId,
          mayDecide: absence.mayDecide ? 1 : 0,
          setAt: absence.setAt,
        });
    },
    endAbsence(releaseId, userId, today) {
      return endAbsences(releaseId, userId, today);
    },
    async absences(releaseId) {
      const rows = await db()
        .select()
        .from(absences)
        .where(eq(absences.releaseId, releaseId))
        .orderBy(asc(absences.setAt), asc(absences.userId));
      return rows.map(toAbsence);
    },
    async assign(assignment) {
      await db().insert(releaseRoles).values(assignment).onConflictDoNothing();
    },
    async unassign(releaseId: number, role: Role, userId: string) {
      const result = await db()
        .delete(releaseRoles)
        .where(
          and(eq(releaseRoles.releaseId, releaseId), eq(releaseRoles.role, role), eq(releaseRoles.userId, userId)),
        );
      return (result.rowCount ?? 0) > 0;
    },
    async listForMember(teamId, userId) {
      const rows = await db()
        .select()
        .from(releases)
        .where(
          and(
            eq(releases.teamId, teamId),
            active,
            sql`exists (select 1 from ${releaseRoles} where ${releaseRoles.releaseId} = ${releases.id} and ${releaseRoles.userId} = ${userId})`,
          ),
        )
        .orderBy(asc(releases.targetDate), asc(releases.id));
      return rows.map(toRelease);
    },
    async reschedule(change) {
      const { targetDate, windowStart, windowEnd } = change.after;
      // Called inside the use case's transaction, like every multi-statement write here.
      const [row] = await db()
        .update(releases)
        .set({ targetDate, windowStart, windowEnd, updatedAt: change.changedAt })
        .where(eq(releases.id, change.releaseId))
        .returning();
      if (!row) throw new Error(`release ${change.releaseId} does not exist`);
      await db().insert(releaseReschedules).values(scheduleChangeRow(change));
      return toRelease(row);
    },
    async scheduleChanges(releaseId) {
      const rows = await db()
        .select()
        .from(releaseReschedules)
        .where(eq(releaseReschedules.releaseId, releaseId))
        .orderBy(asc(releaseReschedules.id));
      return rows.map(toScheduleChange);
    },
  };
}
