import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { Risk, RiskChange, RiskSnapshot } from '../../domain/risk.ts';
import type { RiskStore } from '../../ports.ts';
import { riskHistory, riskSnapshots, risks, weeklyNotes } from './schema.ts';

type RiskRow = typeof risks.$inferSelect;
const toRisk = (row: RiskRow): Risk => ({ ...row });

/** The SQLite risk store's twin (`../risk-store.ts`): the register, its history, snapshots and weekly notes. */
type SnapshotRow = typeof riskSnapshots.$inferSelect;
const toSnapshot = (row: SnapshotRow): RiskSnapshot => ({
  takenAt: row.takenAt,
  openCount: row.openCount,
  totalScore: row.totalScore,
  highCount: row.highCount,
  ...(row.mediumCount === null ? {} : { mediumCount: row.mediumCount }),
  ...(row.lowCount === null ? {} : { lowCount: row.lowCount }),
  ...(row.mitigatedCount === null ? {} : { mitigatedCount: row.mitigatedCount }),
});
const snapshotRow = (snapshot: RiskSnapshot) => ({
  takenAt: snapshot.takenAt,
  openCount: snapshot.openCount,
  totalScore: snapshot.totalScore,
  highCount: snapshot.highCount,
  mediumCount: snapshot.mediumCount ?? null,
  lowCount: snapshot.lowCount ?? null,
  mitigatedCount: snapshot.mitigatedCount ?? null,
});

export function createPostgresRiskStore({ db }: PgContext): RiskStore {
  return {
    async add(risk) {
      const [row] = await db()
        .insert(risks)
        .values({ ...risk, status: 'open', updatedAt: risk.createdAt })
        .returning();
      return toRisk(row!);
    },
    async findById(id) {
      const [row] = await db().select().from(risks).where(eq(risks.id, id));
      return row ? toRisk(row) : undefined;
    },
    async list(releaseId, options = {}) {
      // Callers sort by score; oldest first keeps the answer the same from one call to the next.
      const rows = await db()
        .select()
        .from(risks)
        .where(and(eq(risks.releaseId, releaseId), options.includeClosed ? undefined : ne(risks.status, 'closed')))
        .orderBy(asc(risks.id));
      return rows.map(toRisk);
    },
    async update(id, changes) {
      const [row] = await db().update(risks).set(changes).where(eq(risks.id, id)).returning();
      if (!row) throw new Error(`risk ${id} does not exist`);
      return toRisk(row);
    },
    async recordChange(change) {
      await db()
        .insert(riskHistory)
        .values({
          riskId: change.riskId,
          actorId: change.actorId,
          change: change.change,
          before: change.before ? JSON.stringify(change.before) : null,
          after: change.after ? JSON.stringify(change.after) : null,
          note: change.note,
          at: change.at,
        });
    },
    async history(releaseId) {
      const rows = await db()
        .select({ h: riskHistory })
        .from(riskHistory)
        .innerJoin(risks, eq(risks.id, riskHistory.riskId))
        .where(eq(risks.releaseId, releaseId))
        .orderBy(asc(riskHistory.id));
      return rows.map(
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
    async latestSnapshot(releaseId) {
      const [row] = await db()
        .select()
        .from(riskSnapshots)
        .where(eq(riskSnapshots.releaseId, releaseId))
        .orderBy(desc(riskSnapshots.takenAt), desc(riskSnapshots.id))
        .limit(1);
      return row ? toSnapshot(row) : undefined;
    },
    async snapshots(releaseId) {
      const rows = await db()
        .select()
        .from(riskSnapshots)
        .where(eq(riskSnapshots.releaseId, releaseId))
        .orderBy(asc(riskSnapshots.takenAt), asc(riskSnapshots.id));
      return rows.map((row) => ({ ...toSnapshot(row), reportKey: row.reportKey }));
    },
    async saveSnapshot(releaseId, snapshot, reportKey) {
      await db()
        .insert(riskSnapshots)
        .values({ releaseId, ...snapshotRow(snapshot), reportKey: reportKey ?? null })
        .onConflictDoNothing();
    },
    async saveNote(note) {
      await db()
        .insert(weeklyNotes)
        .values(note)
        .onConflictDoUpdate({
          target: [weeklyNotes.releaseId, weeklyNotes.slot, weeklyNotes.userId, weeklyNotes.kind],
          set: { text: note.text, at: note.at },
        });
    },
    async notes(releaseId, slot) {
      const rows = await db()
        .select()
        .from(weeklyNotes)
        .where(and(eq(weeklyNotes.releaseId, releaseId), eq(weeklyNotes.slot, slot)))
        .orderBy(asc(weeklyNotes.id));
      return rows.map((n) => ({ userId: n.userId, kind: n.kind, text: n.text, at: n.at }));
    },
  };
}
