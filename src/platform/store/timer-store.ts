import { and, asc, eq, inArray, like, lte, or } from 'drizzle-orm';
import { MAX_TIMER_ATTEMPTS, TIMER_LEASE_MS, type Timer } from '../../core/domain/timers.ts';
import type { TimerStore } from '../../core/ports.ts';
import type { Db } from './database.ts';
import { timers } from './schema.ts';
import { promised, type RunOnConnection } from './sqlite-transactions.ts';

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

/**
 * `claimDue` must run inside an IMMEDIATE transaction (see `createStore`) so that two processes never claim the same
 * timer: the write lock is taken before the read.
 */
export function createTimerStore(db: Db, run: RunOnConnection, immediate: <T>(fn: () => T) => T): TimerStore {
  return promised<TimerStore>(run, {
    schedule(timer) {
      db.insert(timers)
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
        })
        .run();
    },
    cancel(key) {
      const result = db
        .update(timers)
        .set({ status: 'cancelled' })
        .where(and(eq(timers.key, key), inArray(timers.status, ['pending', 'running'])))
        .run();
      return result.changes > 0;
    },
    cancelForRelease(releaseId, kindPrefix) {
      const result = db
        .update(timers)
        .set({ status: 'cancelled' })
        .where(
          and(
            eq(timers.releaseId, releaseId),
            eq(timers.status, 'pending'),
            kindPrefix ? like(timers.kind, `${kindPrefix}%`) : undefined,
          ),
        )
        .run();
      return result.changes;
    },
    claimDue(now, owner, limit) {
      return immediate(() => {
        const staleBefore = new Date(now.getTime() - TIMER_LEASE_MS);
        const rows = db
          .select()
          .from(timers)
          .where(
            or(
              and(eq(timers.status, 'pending'), lte(timers.dueAt, now)),
              and(eq(timers.status, 'running'), lte(timers.claimedAt, staleBefore)),
            ),
          )
          .orderBy(asc(timers.dueAt), asc(timers.id))
          .limit(limit)
          .all();
        for (const row of rows) {
          db.update(timers)
            .set({ status: 'running', claimedBy: owner, claimedAt: now, attempts: row.attempts + 1 })
            .where(eq(timers.id, row.id))
            .run();
        }
        return rows.map((row) => toTimer({ ...row, attempts: row.attempts + 1 }));
      });
    },
    complete(id) {
      // Only a running timer: one its handler scheduled again (the same key) stays pending.
      db.update(timers)
        .set({ status: 'done' })
        .where(and(eq(timers.id, id), eq(timers.status, 'running')))
        .run();
    },
    fail(id, error, retryAt) {
      const row = db.select().from(timers).where(eq(timers.id, id)).get();
      if (row?.status !== 'running') return;
      const giveUp = retryAt === null || row.attempts >= MAX_TIMER_ATTEMPTS;
      db.update(timers)
        .set(
          giveUp
            ? { status: 'failed', lastError: error }
            : { status: 'pending', dueAt: retryAt, lastError: error, claimedBy: null, claimedAt: null },
        )
        .where(eq(timers.id, id))
        .run();
    },
    pending(releaseId) {
      return db
        .select()
        .from(timers)
        .where(and(eq(timers.status, 'pending'), releaseId === undefined ? undefined : eq(timers.releaseId, releaseId)))
        .orderBy(asc(timers.dueAt))
        .all()
        .map(toTimer);
    },
  });
}
