import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { RetroStore } from '../ports.ts';
import { retroAnswers, retrospectives } from './schema.ts';

export function createRetroStore(db: Db, run: RunOnConnection): RetroStore {
  return promised<RetroStore>(run, {
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
  });
}
