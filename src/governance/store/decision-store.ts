import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { Decision } from '../domain/decision.ts';
import type { DecisionStore } from '../ports.ts';
import { decisions } from './schema.ts';

function toDecision(row: typeof decisions.$inferSelect): Decision {
  return { ...row, details: JSON.parse(row.details) };
}

/** Decisions are facts: recorded once, never edited. */
export function createDecisionStore(db: Db, run: RunOnConnection): DecisionStore {
  return promised<DecisionStore>(run, {
    record(decision) {
      const row = db
        .insert(decisions)
        .values({ ...decision, details: JSON.stringify(decision.details ?? null) })
        .returning()
        .get();
      return toDecision(row);
    },
    forRelease(releaseId) {
      return db
        .select()
        .from(decisions)
        .where(eq(decisions.releaseId, releaseId))
        .orderBy(asc(decisions.decidedAt), asc(decisions.id))
        .all()
        .map(toDecision);
    },
    forTeam(teamId, limit) {
      return db
        .select()
        .from(decisions)
        .where(eq(decisions.teamId, teamId))
        .orderBy(desc(decisions.decidedAt), desc(decisions.id))
        .limit(limit)
        .all()
        .map(toDecision);
    },
  });
}
