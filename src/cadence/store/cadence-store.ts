import { and, asc, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { ACTIVE_STATUSES } from '../../core/domain/release.ts';
import type { Db } from '../../platform/store/database.ts';
import {
  cadenceConfigs,
  occurrences,
  releases,
  retroAnswers,
  retrospectives,
  riskHistory,
  riskSnapshots,
  risks,
  standupAnswers,
  standups,
  weeklyNotes,
} from '../../platform/store/schema.ts';
import type { ReleaseStore } from '../../releases/index.ts';
import type { Risk, RiskChange } from '../domain/risk.ts';
import { type CadenceConfig, type CadenceJob, DEFAULT_CADENCE, type Holidays } from '../domain/schedule.ts';
import type { RoleAnswers, Standup, StandupAnswer } from '../domain/standup.ts';
import type { CadenceStore, OccurrenceRecord, RetroStore, RiskStore, StandupStore } from '../ports.ts';

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

export function createCadenceStore(db: Db, immediate: <T>(fn: () => T) => T, releaseStore: ReleaseStore): CadenceStore {
  return {
    activeReleases() {
      return db
        .select({ id: releases.id })
        .from(releases)
        .where(inArray(releases.status, [...ACTIVE_STATUSES]))
        .orderBy(asc(releases.id))
        .all()
        .flatMap((row) => releaseStore.findById(row.id) ?? []);
    },
    config(releaseId) {
      const row = db.select().from(cadenceConfigs).where(eq(cadenceConfigs.releaseId, releaseId)).get();
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
    recordMissed({ releaseId, job, slot, dueAt, now }) {
      const inserted = db
        .insert(occurrences)
        .values({ releaseId, job, slot, dueAt, status: 'missed', claimedAt: now, finishedAt: now })
        .onConflictDoNothing()
        .run();
      return inserted.changes > 0;
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
  };
}

function sqlIncrement() {
  return sql`${occurrences.attempts} + 1`;
}

type StandupRow = typeof standups.$inferSelect;
type AnswerRow = typeof standupAnswers.$inferSelect;

const toStandup = (row: StandupRow): Standup => ({ ...row });
const toAnswer = (row: AnswerRow): StandupAnswer => ({
  id: row.id,
  standupId: row.standupId,
  userId: row.userId,
  answers: JSON.parse(row.answers) as RoleAnswers,
  replyTs: row.replyTs,
  answeredAt: row.answeredAt,
  updatedAt: row.updatedAt,
});

export function createStandupStore(db: Db): StandupStore {
  const findBySlot = (releaseId: number, slot: string) => {
    const row = db
      .select()
      .from(standups)
      .where(and(eq(standups.releaseId, releaseId), eq(standups.slot, slot)))
      .get();
    return row ? toStandup(row) : undefined;
  };
  return {
    open({ releaseId, slot, channelId, at }) {
      db.insert(standups).values({ releaseId, slot, channelId, promptedAt: at }).onConflictDoNothing().run();
      const found = findBySlot(releaseId, slot);
      if (!found) throw new Error(`standup ${releaseId}/${slot} vanished`);
      return found;
    },
    findById(id) {
      const row = db.select().from(standups).where(eq(standups.id, id)).get();
      return row ? toStandup(row) : undefined;
    },
    findBySlot,
    listForRelease(releaseId) {
      return db
        .select()
        .from(standups)
        .where(eq(standups.releaseId, releaseId))
        .orderBy(asc(standups.slot), asc(standups.id))
        .all()
        .map(toStandup);
    },
    setMessage(id, ts) {
      db.update(standups).set({ messageTs: ts }).where(eq(standups.id, id)).run();
    },
    setReminded(id, at) {
      db.update(standups).set({ remindedAt: at }).where(eq(standups.id, id)).run();
    },
    setSummary(id, ts, at) {
      db.update(standups).set({ summaryTs: ts, summarizedAt: at }).where(eq(standups.id, id)).run();
    },
    answers(standupId) {
      return db
        .select()
        .from(standupAnswers)
        .where(eq(standupAnswers.standupId, standupId))
        .orderBy(asc(standupAnswers.answeredAt), asc(standupAnswers.id))
        .all()
        .map(toAnswer);
    },
    findAnswer(id) {
      const row = db.select().from(standupAnswers).where(eq(standupAnswers.id, id)).get();
      return row ? toAnswer(row) : undefined;
    },
    saveAnswer({ standupId, userId, answers, at }) {
      const existing = db
        .select()
        .from(standupAnswers)
        .where(and(eq(standupAnswers.standupId, standupId), eq(standupAnswers.userId, userId)))
        .get();
      if (existing) {
        const merged = { ...(JSON.parse(existing.answers) as RoleAnswers), ...answers };
        db.update(standupAnswers)
          .set({ answers: JSON.stringify(merged), updatedAt: at })
          .where(eq(standupAnswers.id, existing.id))
          .run();
        return toAnswer({ ...existing, answers: JSON.stringify(merged), updatedAt: at });
      }
      const row = db
        .insert(standupAnswers)
        .values({ standupId, userId, answers: JSON.stringify(answers), answeredAt: at, updatedAt: at })
        .returning()
        .get();
      return toAnswer(row);
    },
    setAnswerReply(id, ts) {
      db.update(standupAnswers).set({ replyTs: ts }).where(eq(standupAnswers.id, id)).run();
    },
  };
}

type RiskRow = typeof risks.$inferSelect;
const toRisk = (row: RiskRow): Risk => ({ ...row });

export function createRiskStore(db: Db): RiskStore {
  return {
    add(risk) {
      return toRisk(
        db
          .insert(risks)
          .values({ ...risk, status: 'open', updatedAt: risk.createdAt })
          .returning()
          .get(),
      );
    },
    findById(id) {
      const row = db.select().from(risks).where(eq(risks.id, id)).get();
      return row ? toRisk(row) : undefined;
    },
    list(releaseId, options = {}) {
      return db
        .select()
        .from(risks)
        .where(and(eq(risks.releaseId, releaseId), options.includeClosed ? undefined : ne(risks.status, 'closed')))
        .all()
        .map(toRisk);
    },
    update(id, changes) {
      return toRisk(db.update(risks).set(changes).where(eq(risks.id, id)).returning().get());
    },
    recordChange(change) {
      db.insert(riskHistory)
        .values({
          riskId: change.riskId,
          actorId: change.actorId,
          change: change.change,
          before: change.before ? JSON.stringify(change.before) : null,
          after: change.after ? JSON.stringify(change.after) : null,
          note: change.note,
          at: change.at,
        })
        .run();
    },
    history(releaseId) {
      return db
        .select({ h: riskHistory })
        .from(riskHistory)
        .innerJoin(risks, eq(risks.id, riskHistory.riskId))
        .where(eq(risks.releaseId, releaseId))
        .orderBy(asc(riskHistory.id))
        .all()
        .map(
          ({ h }): RiskChange => ({
            id: h.id,
            riskId: h.riskId,
            actorId: h.actorId,
            change: h.change as RiskChange['change'],
            before: h.before ? JSON.parse(h.before) : null,
            after: h.after ? JSON.parse(h.after) : null,
            note: h.note,
            at: h.at,
          }),
        );
    },
    latestSnapshot(releaseId) {
      const row = db
        .select()
        .from(riskSnapshots)
        .where(eq(riskSnapshots.releaseId, releaseId))
        .orderBy(desc(riskSnapshots.takenAt), desc(riskSnapshots.id))
        .get();
      return row
        ? { takenAt: row.takenAt, openCount: row.openCount, totalScore: row.totalScore, highCount: row.highCount }
        : undefined;
    },
    saveSnapshot(releaseId, snapshot) {
      db.insert(riskSnapshots)
        .values({ releaseId, ...snapshot })
        .run();
    },
    saveNote(note) {
      db.insert(weeklyNotes)
        .values(note)
        .onConflictDoUpdate({
          target: [weeklyNotes.releaseId, weeklyNotes.slot, weeklyNotes.userId, weeklyNotes.kind],
          set: { text: note.text, at: note.at },
        })
        .run();
    },
    notes(releaseId, slot) {
      return db
        .select()
        .from(weeklyNotes)
        .where(and(eq(weeklyNotes.releaseId, releaseId), eq(weeklyNotes.slot, slot)))
        .orderBy(asc(weeklyNotes.id))
        .all()
        .map((n) => ({ userId: n.userId, kind: n.kind, text: n.text, at: n.at }));
    },
  };
}

export function createRetroStore(db: Db): RetroStore {
  return {
    open(retro) {
      db.insert(retrospectives).values(retro).onConflictDoNothing().run();
      const row = db.select().from(retrospectives).where(eq(retrospectives.releaseId, retro.releaseId)).get();
      if (!row) throw new Error('retrospective vanished');
      return row;
    },
    find(releaseId) {
      return db.select().from(retrospectives).where(eq(retrospectives.releaseId, releaseId)).get();
    },
    setMessage(releaseId, ts) {
      db.update(retrospectives).set({ messageTs: ts }).where(eq(retrospectives.releaseId, releaseId)).run();
    },
    setSummary(releaseId, ts) {
      db.update(retrospectives).set({ summaryTs: ts }).where(eq(retrospectives.releaseId, releaseId)).run();
    },
    saveAnswer(releaseId, answer) {
      const values = { releaseId, userId: answer.userId, answers: JSON.stringify(answer.answers), at: answer.at };
      db.insert(retroAnswers)
        .values(values)
        .onConflictDoUpdate({
          target: [retroAnswers.releaseId, retroAnswers.userId],
          set: { answers: values.answers, at: values.at },
        })
        .run();
    },
    setAnswerReply(releaseId, userId, ts) {
      db.update(retroAnswers)
        .set({ replyTs: ts })
        .where(and(eq(retroAnswers.releaseId, releaseId), eq(retroAnswers.userId, userId)))
        .run();
    },
    answers(releaseId) {
      return db
        .select()
        .from(retroAnswers)
        .where(eq(retroAnswers.releaseId, releaseId))
        .orderBy(asc(retroAnswers.id))
        .all()
        .map((r) => ({ userId: r.userId, answers: JSON.parse(r.answers), replyTs: r.replyTs, at: r.at }));
    },
  };
}
