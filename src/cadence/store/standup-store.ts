import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { RoleAnswers, Standup, StandupAnswer, StandupDm } from '../domain/standup.ts';
import type { StandupStore } from '../ports.ts';
import { OCCURRENCE_LEASE_MS } from './cadence-store.ts';
import { standupAnswers, standupDms, standups } from './schema.ts';

type StandupRow = typeof standups.$inferSelect;
type AnswerRow = typeof standupAnswers.$inferSelect;
type DmRow = typeof standupDms.$inferSelect;

const toDm = (row: DmRow): StandupDm => ({
  standupId: row.standupId,
  userId: row.userId,
  dueAt: row.dueAt,
  timeZone: row.timeZone,
  channelId: row.channelId,
  messageTs: row.messageTs,
  remindedAt: row.remindedAt,
});

const toStandup = (row: StandupRow): Standup => ({ ...row });
const toAnswer = (row: AnswerRow): StandupAnswer => ({
  id: row.id,
  standupId: row.standupId,
  userId: row.userId,
  answers: JSON.parse(row.answers) as RoleAnswers,
  answeredBy: row.answeredBy,
  replyTs: row.replyTs,
  answeredAt: row.answeredAt,
  updatedAt: row.updatedAt,
});

export function createStandupStore(db: Db, run: RunOnConnection): StandupStore {
  const findBySlot = (releaseId: number, slot: string) => {
    const row = db
      .select()
      .from(standups)
      .where(and(eq(standups.releaseId, releaseId), eq(standups.slot, slot)))
      .get();
    return row ? toStandup(row) : undefined;
  };
  return promised<StandupStore>(run, {
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
    saveAnswer({ standupId, userId, answers, answeredBy = null, at }) {
      const existing = db
        .select()
        .from(standupAnswers)
        .where(and(eq(standupAnswers.standupId, standupId), eq(standupAnswers.userId, userId)))
        .get();
      if (existing) {
        const merged = { ...(JSON.parse(existing.answers) as RoleAnswers), ...answers };
        db.update(standupAnswers)
          .set({ answers: JSON.stringify(merged), answeredBy, updatedAt: at })
          .where(eq(standupAnswers.id, existing.id))
          .run();
        return toAnswer({ ...existing, answers: JSON.stringify(merged), answeredBy, updatedAt: at });
      }
      const row = db
        .insert(standupAnswers)
        .values({ standupId, userId, answers: JSON.stringify(answers), answeredBy, answeredAt: at, updatedAt: at })
        .returning()
        .get();
      return toAnswer(row);
    },
    setAnswerReply(id, ts) {
      db.update(standupAnswers).set({ replyTs: ts }).where(eq(standupAnswers.id, id)).run();
    },
    claimDm({ standupId, userId, dueAt, timeZone, owner, now }) {
      const inserted = db
        .insert(standupDms)
        .values({ standupId, userId, dueAt, timeZone, claimedBy: owner, claimedAt: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes > 0) return true;
      const retaken = db
        .update(standupDms)
        .set({ claimedBy: owner, claimedAt: now })
        .where(
          and(
            eq(standupDms.standupId, standupId),
            eq(standupDms.userId, userId),
            isNull(standupDms.messageTs),
            lt(standupDms.claimedAt, new Date(now.getTime() - OCCURRENCE_LEASE_MS)),
          ),
        )
        .run();
      return retaken.changes > 0;
    },
    setDmMessage(standupId, userId, channelId, ts) {
      db.update(standupDms)
        .set({ channelId, messageTs: ts })
        .where(and(eq(standupDms.standupId, standupId), eq(standupDms.userId, userId)))
        .run();
    },
    dms(standupId) {
      return db
        .select()
        .from(standupDms)
        .where(eq(standupDms.standupId, standupId))
        .orderBy(asc(standupDms.id))
        .all()
        .map(toDm);
    },
    claimDmReminder(standupId, userId, at) {
      const updated = db
        .update(standupDms)
        .set({ remindedAt: at })
        .where(and(eq(standupDms.standupId, standupId), eq(standupDms.userId, userId), isNull(standupDms.remindedAt)))
        .run();
      return updated.changes > 0;
    },
  });
}
