import { asc, desc, eq } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { Decision } from '../../domain/decision.ts';
import type { DecisionStore } from '../../ports.ts';
import { decisions } from './schema.ts';

function toDecision(row: typeof decisions.$inferSelect): Decision {
  return { ...row, details: JSON.parse(row.details) };
}

/** The SQLite decision store's twin (`../decision-store.ts`). Decisions are facts: recorded once, never edited. */
export function createPostgresDecisionStore({ db }: PgContext): DecisionStore {
  return {
    async record(decision) {
      const [row] = await db()
        .insert(decisions)
        .values({ ...decision, details: JSON.stringify(decision.details ?? null) })
        .returning();
      return toDecision(row!);
    },
    async forRelease(releaseId) {
      const rows = await db()
        .select()
        .from(decisions)
        .where(eq(decisions.releaseId, releaseId))
        .orderBy(asc(decisions.decidedAt), asc(decisions.id));
      return rows.map(toDecision);
    },
    async forTeam(teamId, limit) {
      const rows = await db()
        .select()
        .from(decisions)
        .where(eq(decisions.teamId, teamId))
        .orderBy(desc(decisions.decidedAt), desc(decisions.id))
        .limit(limit);
      return rows.map(toDecision);
    },
  };
}
