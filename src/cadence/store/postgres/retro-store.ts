import { and, asc, eq } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { RetroStore } from '../../ports.ts';
import { retroAnswers, retrospectives } from './schema.ts';

/** The SQLite retrospective store's twin (`../retro-store.ts`). */
export function createPostgresRetroStore({ db }: PgContext): RetroStore {
  const find = async (releaseId: number) => {
    const [row] = await db().select().from(retrospectives).where(eq(retrospectives.releaseId, releaseId));
    return row;
  };
  return {
    async open(retro) {
      await db().insert(retrospectives).values(retro).onConflictDoNothing();
      const row = await find(retro.releaseId);
      if (!row) throw new Error('retrospective vanished');
      return row;
    },
    find,
    async setMessage(releaseId, ts) {
      await db().update(retrospectives).set({ messageTs: ts }).where(eq(retrospectives.releaseId, releaseId));
    },
    async setSummary(releaseId, ts) {
      await db().update(retrospectives).set({ summaryTs: ts }).where(eq(retrospectives.releaseId, releaseId));
    },
    async saveAnswer(releaseId, answer) {
      const values = { releaseId, userId: answer.userId, answers: JSON.stringify(answer.answers), at: answer.at };
      await db()
        .insert(retroAnswers)
        .values(values)
        .onConflictDoUpdate({
          target: [retroAnswers.releaseId, retroAnswers.userId],
          set: { answers: values.answers, at: values.at },
        });
    },
    async setAnswerReply(releaseId, userId, ts) {
      await db()
        .update(retroAnswers)
        .set({ replyTs: ts })
        .where(and(eq(retroAnswers.releaseId, releaseId), eq(retroAnswers.userId, userId)));
    },
    async answers(releaseId) {
      const rows = await db()
        .select()
        .from(retroAnswers)
        .where(eq(retroAnswers.releaseId, releaseId))
        .orderBy(asc(retroAnswers.id));
      return rows.map((r) => ({ userId: r.userId, answers: JSON.parse(r.answers), replyTs: r.replyTs, at: r.at }));
    },
  };
}
