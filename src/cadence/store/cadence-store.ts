import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Holidays } from '../../core/domain/local-time.ts';
import { ACTIVE_STATUSES } from '../../core/domain/release.ts';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection, type Synchronous } from '../../platform/store/sqlite-transactions.ts';
import type { ReleaseStore } from '../../releases/index.ts';
import { releases } from '../../releases/store/schema.ts';
import { type CadenceConfig, type CadenceJob, DEFAULT_CADENCE } from '../domain/schedule.ts';
import { type CadenceStore, type OccurrenceRecord, occurrenceKey } from '../ports.ts';
import { cadenceConfigs, occurrences } from './schema.ts';

/** A claim older than this whose run never finished belongs to a process that died; it may be claimed again. */
export const OCCURRENCE_LEASE_MS = 5 * 60_000;
/** A run that failed is tried again on later ticks, at most this many times in all. */
export const MAX_OCCURRENCE_ATTEMPTS = 5;

type OccurrenceRow = typeof occurrences.$inferSelect;

function toOccurrence(row: OccurrenceRow): OccurrenceRecord {
  return {
    releaseId: row.releaseId,
    job: row.job as CadenceJob,
    slot: row.slot,
    dueAt: row.dueAt,
    status: row.status,
    claimedAt: row.claimedAt,
    finishedAt: row.finishedAt,
    note: row.note,
  };
}

export function createCadenceStore(
  db: Db,
  run: RunOnConnection,
  immediate: <T>(fn: () => T) => T,
  releaseStore: Pick<Synchronous<ReleaseStore>, 'findById'>,
): CadenceStore {
  // The scheduler reads every active release's configuration on every tick: prepared once, not built each time.
  const active = db
    .select({ id: releases.id })
    .from(releases)
    .where(inArray(releases.status, [...ACTIVE_STATUSES]))
    .orderBy(asc(releases.id))
    .prepare();
  const configOf = db
    .select()
    .from(cadenceConfigs)
    .where(eq(cadenceConfigs.releaseId, sql.placeholder('releaseId')))
    .prepare();
  const recordedFrom = db
    .select({ releaseId: occurrences.releaseId, job: occurrences.job, slot: occurrences.slot })
    .from(occurrences)
    .where(gte(occurrences.dueAt, sql.placeholder('since')))
    .prepare();
  // After a long downtime a restart records every release's missed slots at once: one prepared statement for all.
  const insertMissed = db
    .insert(occurrences)
    .values({
      releaseId: sql.placeholder('releaseId'),
      job: sql.placeholder('job'),
      slot: sql.placeholder('slot'),
      dueAt: sql.placeholder('dueAt'),
      status: 'missed',
      claimedAt: sql.placeholder('now'),
      finishedAt: sql.placeholder('now'),
    })
    .onConflictDoNothing()
    .prepare();
  return promised<CadenceStore>(run, {
    activeReleases() {
      return active.all().flatMap((row) => releaseStore.findById(row.id) ?? []);
    },
    config(releaseId) {
      const row = configOf.get({ releaseId });
      if (!row) return DEFAULT_CADENCE;
      return {
        standupTime: row.standupTime,
        workingDays: row.workingDays.split(',').filter(Boolean).map(Number),
        reminderAfterMs: row.reminderAfterMs,
        cutoffAfterMs: row.cutoffAfterMs,
        holidays: JSON.parse(row.holidays) as Holidays,
        riskDay: row.riskDay,
        riskTime: row.riskTime,
        riskCollectMs: row.riskCollectMs,
        standupDelivery: row.standupDelivery,
        updatedAt: row.updatedAt,
      };
    },
    saveConfig(releaseId, config: CadenceConfig, by) {
      const values = {
        standupTime: config.standupTime,
        workingDays: config.workingDays.join(','),
        reminderAfterMs: config.reminderAfterMs,
        cutoffAfterMs: config.cutoffAfterMs,
        holidays: JSON.stringify(config.holidays),
        riskDay: config.riskDay,
        riskTime: config.riskTime,
        riskCollectMs: config.riskCollectMs,
        standupDelivery: config.standupDelivery,
        updatedBy: by,
        updatedAt: config.updatedAt ?? new Date(0),
      };
      db.insert(cadenceConfigs)
        .values({ releaseId, ...values })
        .onConflictDoUpdate({ target: cadenceConfigs.releaseId, set: values })
        .run();
    },
    claim({ releaseId, job, slot, dueAt, owner, now, includeMissed }) {
      return immediate(() => {
        const inserted = db
          .insert(occurrences)
          .values({ releaseId, job, slot, dueAt, status: 'claimed', claimedBy: owner, claimedAt: now })
          .onConflictDoNothing()
          .run();
        if (inserted.changes > 0) return true;
        const staleBefore = new Date(now.getTime() - OCCURRENCE_LEASE_MS);
        const retaken = db
          .update(occurrences)
          .set({ status: 'claimed', claimedBy: owner, claimedAt: now, attempts: sqlIncrement() })
          .where(
            and(
              eq(occurrences.releaseId, releaseId),
              eq(occurrences.job, job),
              eq(occurrences.slot, slot),
              lt(occurrences.attempts, MAX_OCCURRENCE_ATTEMPTS),
              or(
                eq(occurrences.status, 'failed'),
                and(eq(occurrences.status, 'claimed'), lt(occurrences.claimedAt, staleBefore)),
                includeMissed ? eq(occurrences.status, 'missed') : undefined,
              ),
            ),
          )
          .run();
        return retaken.changes > 0;
      });
    },
    recordedSince(since) {
      return new Set(
        recordedFrom.all({ since: since.getTime() }).map((r) => occurrenceKey(r.releaseId, r.job, r.slot)),
      );
    },
    recordMissed({ releaseId, job, slot, dueAt, now }) {
      return insertMissed.run({ releaseId, job, slot, dueAt, now }).changes > 0;
    },
    finish(releaseId, job, slot, status, at, note) {
      db.update(occurrences)
        .set({ status, finishedAt: at, note: note ?? null })
        .where(and(eq(occurrences.releaseId, releaseId), eq(occurrences.job, job), eq(occurrences.slot, slot)))
        .run();
    },
    find(releaseId, job, slot) {
      const row = db
        .select()
        .from(occurrences)
        .where(and(eq(occurrences.releaseId, releaseId), eq(occurrences.job, job), eq(occurrences.slot, slot)))
        .get();
      return row ? toOccurrence(row) : undefined;
    },
    missed(releaseId, limit) {
      return db
        .select()
        .from(occurrences)
        .where(
          and(
            eq(occurrences.releaseId, releaseId),
            or(
              eq(occurrences.status, 'missed'),
              and(eq(occurrences.status, 'failed'), eq(occurrences.attempts, MAX_OCCURRENCE_ATTEMPTS)),
            ),
          ),
        )
        .orderBy(desc(occurrences.dueAt))
        .limit(limit)
        .all()
        .map(toOccurrence);
    },
  });
}

function sqlIncrement() {
  return sql`${occurrences.attempts} + 1`;
}
