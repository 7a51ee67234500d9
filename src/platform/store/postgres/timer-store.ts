import { and, asc, eq, ilike, inArray, lte, or, sql } from 'drizzle-orm';
import { MAX_TIMER_ATTEMPTS, TIMER_LEASE_MS, type Timer } from '../../../core/domain/timers.ts';
import type { TimerStore } from '../../../core/ports.ts';
import type { PgContext } from './context.ts';
import { timers } from './schema.ts';

type TimerRow = typeof timers.$inferSelect;

function toTimer(row: TimerRow): Timer {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    releaseId: row.releaseId,
    dueAt: row.dueAt,
    payload: JSON.parse(row.payload),
    attempts: row.attempts,
  };
}

/** The SQLite timer store's twin (`../timer-store.ts`): the same claims, lease, retries and give-up. */
export function createPostgresTimerStore({ db, claiming }: PgContext): TimerStore {
  return {
    async schedule(timer) {
      await db()
        .insert(timers)
        .values({
          kind: timer.kind,
          key: timer.key,
          releaseId: timer.releaseId,
          dueAt: timer.dueAt,
          payload: JSON.stringify(timer.payload ?? null),
          status: 'pending',
        })
        .onConflictDoUpdate({
          target: timers.key,
          set: {
            dueAt: timer.dueAt,
            payload: JSON.stringify(timer.payload ?? null),
            status: 'pending',
            attempts: 0,
            claimedBy: null,
            claimedAt: null,
            lastError: null,
          },
        });
    },
    async cancel(key) {
      const result = await db()
        .update(timers)
        .set({ status: 'cancelled' })
        .where(and(eq(timers.key, key), inArray(timers.status, ['pending', 'running'])));
      return (result.rowCount ?? 0) > 0;
    },
    async cancelForRelease(releaseId, kindPrefix) {
      const result = await db()
        .update(timers)
        .set({ status: 'cancelled' })
        .where(
          and(
            eq(timers.releaseId, releaseId),
            eq(timers.status, 'pending'),
            // SQLite's LIKE ignores ASCII case; ILIKE keeps the two stores matching the same kinds.
            kindPrefix ? ilike(timers.kind, `${kindPrefix}%`) : undefined,
          ),
        );
      return result.rowCount ?? 0;
    },
    claimDue(now, owner, limit) {
      // Replicas claim side by side: each locks the due rows it picks and skips the ones another is claiming, so no
      // timer is claimed twice and nobody waits. A claim older than the lease belongs to a process that died.
      return claiming(async () => {
        const staleBefore = new Date(now.getTime() - TIMER_LEASE_MS);
        const due = await db()
          .select({ id: timers.id })
          .from(timers)
          .where(
            or(
              and(eq(timers.status, 'pending'), lte(timers.dueAt, now)),
              and(eq(timers.status, 'running'), lte(timers.claimedAt, staleBefore)),
            ),
          )
          .orderBy(asc(timers.dueAt), asc(timers.id))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        const claimed = await db()
          .update(timers)
          .set({ status: 'running', claimedBy: owner, claimedAt: now, attempts: sql`${timers.attempts} + 1` })
          .where(
            inArray(
              timers.id,
              due.map((row) => row.id),
            ),
          )
          .returning();
        return claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id).map(toTimer);
      });
    },
    async complete(id) {
      await db()
        .update(timers)
        .set({ status: 'done' })
        .where(and(eq(timers.id, id), eq(timers.status, 'running')));
    },
    async fail(id, error, retryAt) {
      // One statement, so the attempt count it decides on is the one it updates.
      const giveUp = retryAt === null ? sql`true` : sql`${timers.attempts} >= ${MAX_TIMER_ATTEMPTS}`;
      await db()
        .update(timers)
        .set({
          status: sql`case when ${giveUp} then 'failed' else 'pending' end`,
          dueAt:
            retryAt === null
              ? undefined
              : sql`case when ${giveUp} then ${timers.dueAt} else ${retryAt.toISOString()}::timestamptz end`,
          lastError: error,
          claimedBy: sql`case when ${giveUp} then ${timers.claimedBy} else null end`,
          claimedAt: sql`case when ${giveUp} then ${timers.claimedAt} else null end`,
        })
        .where(and(eq(timers.id, id), eq(timers.status, 'running')));
    },
    async pending(releaseId) {
      const rows = await db()
        .select()
        .from(timers)
        .where(and(eq(timers.status, 'pending'), releaseId === undefined ? undefined : eq(timers.releaseId, releaseId)))
        .orderBy(asc(timers.dueAt), asc(timers.id));
      return rows.map(toTimer);
    },
  };
}
