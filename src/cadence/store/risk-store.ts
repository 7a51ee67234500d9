import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { Risk, RiskChange, RiskSnapshot } from '../domain/risk.ts';
import type { RiskStore } from '../ports.ts';
import { riskHistory, riskSnapshots, risks, weeklyNotes } from './schema.ts';

type RiskRow = typeof risks.$inferSelect;
const toRisk = (row: RiskRow): Risk => ({ ...row });

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

export function createRiskStore(db: Db, run: RunOnConnection): RiskStore {
  return promised<RiskStore>(run, {
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
      return row ? toSnapshot(row) : undefined;
    },
    snapshots(releaseId) {
      return db
        .select()
        .from(riskSnapshots)
        .where(eq(riskSnapshots.releaseId, releaseId))
        .orderBy(asc(riskSnapshots.takenAt), asc(riskSnapshots.id))
        .all()
        .map((row) => ({ ...toSnapshot(row), reportKey: row.reportKey }));
    },
    saveSnapshot(releaseId, snapshot, reportKey) {
      db.insert(riskSnapshots)
        .values({ releaseId, ...snapshotRow(snapshot), reportKey: reportKey ?? null })
        .onConflictDoNothing()
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
  });
}
