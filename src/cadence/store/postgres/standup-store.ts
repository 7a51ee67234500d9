import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { RoleAnswers, Standup, StandupAnswer, StandupDm } from '../../domain/standup.ts';
import type { StandupStore } from '../../ports.ts';
import { OCCURRENCE_LEASE_MS } from '../cadence-store.ts';
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

/** The SQLite standup store's twin (`../standup-store.ts`): the same rows, order and answers. */
export function createPostgresStandupStore({ db, claiming }: PgContext): StandupStore {
  const findBySlot = async (releaseId: number, slot: string) => {
    const [row] = await db()
      .select()
      .from(standups)
      .where(and(eq(standups.releaseId, releaseId), eq(standups.slot, slot)));
    return row ? toStandup(row) : undefined;
  };
  return {
    async open({ releaseId, slot, channelId, at }) {
      await db().insert(standups).values({ releaseId, slot, channelId, promptedAt: at }).onConflictDoNothing();
      const found = await findBySlot(releaseId, slot);
      if (!found) throw new Error(`standup ${releaseId}/${slot} vanished`);
      return found;
    },
    async findById(id) {
      const [row] = await db().select().from(standups).where(eq(standups.id, id));
      return row ? toStandup(row) : undefined;
    },
    findBySlot,
    async listForRelease(releaseId) {
      const rows = await db()
        .select()
        .from(standups)
        .where(eq(standups.releaseId, releaseId))
        .orderBy(asc(standups.slot), asc(standups.id));
      return rows.map(toStandup);
    },
    async setMessage(id, ts) {
      await db().update(standups).set({ messageTs: ts }).where(eq(standups.id, id));
    },
    async setReminded(id, at) {
      await db().update(standups).set({ remindedAt: at }).where(eq(standups.id, id));
    },
    async setSummary(id, ts, at) {
      await db().update(standups).set({ summaryTs: ts, summarizedAt: at }).where(eq(standups.id, id));
    },
    async answers(standupId) {
      const rows = await db()
        .select()
        .from(standupAnswers)
        .where(eq(standupAnswers.standupId, standupId))
        .orderBy(asc(standupAnswers.answeredAt), asc(standupAnswers.id));
      return rows.map(toAnswer);
    },
    async findAnswer(id) {
      const [row] = await db().select().from(standupAnswers).where(eq(standupAnswers.id, id));
      return row ? toAnswer(row) : undefined;
    },
    saveAnswer({ standupId, userId, answers, answeredBy = null, at }) {
      // The SQLite store reads, merges and writes with nothing in between; here two replicas could interleave, so
      // the row is locked before it is merged (a first answer inserts, or finds the row a concurrent one inserted).
      return claiming(async () => {
        const [inserted] = await db()
          .insert(standupAnswers)
          .values({ standupId, userId, answers: JSON.stringify(answers), answeredBy, answeredAt: at, updatedAt: at })
          .onConflictDoNothing()
          .returning();
        if (inserted) return toAnswer(inserted);
        const [existing] = await db()
          .select()
          .from(standupAnswers)
          .where(and(eq(standupAnswers.standupId, standupId), eq(standupAnswers.userId, userId)))
          .for('update');
        if (!existing) throw new Error(`standup answer ${standupId}/${userId} vanished`);
        const merged = { ...(JSON.parse(existing.answers) as RoleAnswers), ...answers };
        const [row] = await db()
          .update(standupAnswers)
          .set({ answers: JSON.stringify(merged), answeredBy, updatedAt: at })
          .where(eq(standupAnswers.id, existing.id))
          .returning();
        return toAnswer(row!);
      });
    },
    async setAnswerReply(id, ts) {
      await db().update(standupAnswers).set({ replyTs: ts }).where(eq(standupAnswers.id, id));
    },
    claimDm({ standupId, userId, dueAt, timeZone, owner, now }) {
      return claiming(async () => {
        const inserted = await db()
          .insert(standupDms)
          .values({ standupId, userId, dueAt, timeZone, claimedBy: owner, claimedAt: now })
          .onConflictDoNothing();
        if ((inserted.rowCount ?? 0) > 0) return true;
        const retaken = await db()
          .update(standupDms)
          .set({ claimedBy: owner, claimedAt: now })
          .where(
            and(
              eq(standupDms.standupId, standupId),
              eq(standupDms.userId, userId),
              isNull(standupDms.messageTs),
              lt(standupDms.claimedAt, new Date(now.getTime() - OCCURRENCE_LEASE_MS)),
            ),
          );
        return (retaken.rowCount ?? 0) > 0;
      });
    },
    async setDmMessage(standupId, userId, channelId, ts) {
      await db()
        .update(standupDms)
        .set({ channelId, messageTs: ts })
        .where(and(eq(standupDms.standupId, standupId), eq(standupDms.userId, userId)));
    },
    async dms(standupId) {
      const rows = await db()
        .select()
        .from(standupDms)
        .where(eq(standupDms.standupId, standupId))
        .orderBy(asc(standupDms.id));
      return rows.map(toDm);
    },
    claimDmReminder(standupId, userId, at) {
      return claiming(async () => {
        const updated = await db()
          .update(standupDms)
          .set({ remindedAt: at })
          .where(
            and(eq(standupDms.standupId, standupId), eq(standupDms.userId, userId), isNull(standupDms.remindedAt)),
          );
        return (updated.rowCount ?? 0) > 0;
      });
    },
  };
}
