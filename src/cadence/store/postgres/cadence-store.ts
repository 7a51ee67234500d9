import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Holidays } from '../../../core/domain/local-time.ts';
import { ACTIVE_STATUSES, type Release } from '../../../core/domain/release.ts';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { type CadenceConfig, type CadenceJob, DEFAULT_CADENCE } from '../../domain/schedule.ts';
import { type CadenceStore, type OccurrenceRecord, occurrenceKey } from '../../ports.ts';
import { MAX_OCCURRENCE_ATTEMPTS, OCCURRENCE_LEASE_MS } from '../cadence-store.ts';
import { cadenceConfigs, occurrences } from './schema.ts';

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

/**
 * The SQLite cadence store's twin (`../cadence-store.ts`). A scheduled run happens once across replicas because the
 * unique (release, job, slot) lets exactly one insert win; a failed run, or a claim whose lease ran out, is taken over
 * by a conditional update that only one replica's row lock lets through.
 */
export function createPostgresCadenceStore({ db, claiming }: PgContext): CadenceStore {
  return {
    async activeReleases() {
      // One query where the SQLite store reads each release by id: here every read is a round trip.
      const rows = await db()
        .select()
        .from(releases)
        .where(inArray(releases.status, [...ACTIVE_STATUSES]))
        .orderBy(asc(releases.id));
      return rows.map(({ nameKey: _nameKey, ...release }): Release => release);
    },
    async config(releaseId) {
      const [row] = await db().select().from(cadenceConfigs).where(eq(cadenceConfigs.releaseId, releaseId));
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
    async saveConfig(releaseId, config: CadenceConfig, by) {
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
      await db()
        .insert(cadenceConfigs)
        .values({ releaseId, ...values })
        .onConflictDoUpdate({ target: cadenceConfigs.releaseId, set: values });
    },
    claim({ releaseId, job, slot, dueAt, owner, now, includeMissed }) {
      return claiming(async () => {
        const inserted = await db()
          .insert(occurrences)
          .values({ releaseId, job, slot, dueAt, status: 'claimed', claimedBy: owner, claimedAt: now })
          .onConflictDoNothing();
        if ((inserted.rowCount ?? 0) > 0) return true;
        const staleBefore = new Date(now.getTime() - OCCURRENCE_LEASE_MS);
        // READ COMMITTED re-reads a row another replica just updated before deciding, so only one takes it over.
        const retaken = await db()
          .update(occurrences)
          .set({ status: 'claimed', claimedBy: owner, claimedAt: now, attempts: sql`${occurrences.attempts} + 1` })
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
          );
        return (retaken.rowCount ?? 0) > 0;
      });
    },
    async recordedSince(since) {
      const rows = await db()
        .select({ releaseId: occurrences.releaseId, job: occurrences.job, slot: occurrences.slot })
        .from(occurrences)
        .where(gte(occurrences.dueAt, since));
      return new Set(rows.map((r) => occurrenceKey(r.releaseId, r.job, r.slot)));
    },
    async recordMissed({ releaseId, job, slot, dueAt, now }) {
      const inserted = await db()
        .insert(occurrences)
        .values({ releaseId, job, slot, dueAt, status: 'missed', claimedAt: now, finishedAt: now })
        .onConflictDoNothing();
      return (inserted.rowCount ?? 0) > 0;
    },
    async finish(releaseId, job, slot, status, at, note) {
      await db()
        .update(occurrences)
        .set({ status, finishedAt: at, note: note ?? null })
        .where(and(eq(occurrences.releaseId, releaseId), eq(occurrences.job, job), eq(occurrences.slot, slot)));
    },
    async find(releaseId, job, slot) {
      const [row] = await db()
        .select()
        .from(occurrences)
        .where(and(eq(occurrences.releaseId, releaseId), eq(occurrences.job, job), eq(occurrences.slot, slot)));
      return row ? toOccurrence(row) : undefined;
    },
    async missed(releaseId, limit) {
      const rows = await db()
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
        .orderBy(desc(occurrences.dueAt), desc(occurrences.id))
        .limit(limit);
      return rows.map(toOccurrence);
    },
  };
}
