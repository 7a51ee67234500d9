import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { GovernanceStore } from '../../ports.ts';
import { authorityConflicts, authorityProposals, checklistItems, checklistTicks, handoffs } from './schema.ts';

/** The SQLite governance store's twin (`../governance-store.ts`): checklist, handoffs, conflicts and proposals. */
export function createPostgresGovernanceStore({ db }: PgContext): GovernanceStore {
  return {
    async checklist(releaseId) {
      return db()
        .select()
        .from(checklistItems)
        .where(eq(checklistItems.releaseId, releaseId))
        .orderBy(asc(checklistItems.position), sql`${checklistItems.key} collate "C"`);
    },
    async createChecklist(items) {
      if (items.length === 0) return;
      await db()
        .insert(checklistItems)
        .values(items.map((item) => ({ ...item })))
        .onConflictDoNothing();
    },
    async setTick(tick) {
      const ticked = tick.action === 'tick';
      await db()
        .update(checklistItems)
        .set({
          tickedBy: ticked ? tick.actorId : null,
          tickedAt: ticked ? tick.at : null,
          evidenceUrl: ticked ? tick.evidenceUrl : null,
        })
        .where(and(eq(checklistItems.releaseId, tick.releaseId), eq(checklistItems.key, tick.key)));
      await db().insert(checklistTicks).values(tick);
    },
    async checklistHistory(releaseId) {
      return db()
        .select()
        .from(checklistTicks)
        .where(eq(checklistTicks.releaseId, releaseId))
        .orderBy(asc(checklistTicks.id));
    },
    async handoffs(releaseId) {
      // SQLite answers in its primary key's order, (release, key), compared byte by byte.
      return db()
        .select()
        .from(handoffs)
        .where(eq(handoffs.releaseId, releaseId))
        .orderBy(sql`${handoffs.key} collate "C"`);
    },
    async saveHandoff(state) {
      const { releaseId: _r, key: _k, ...rest } = state;
      await db()
        .insert(handoffs)
        .values(state)
        .onConflictDoUpdate({ target: [handoffs.releaseId, handoffs.key], set: rest });
    },
    async recordConflict(conflict) {
      const [row] = await db().insert(authorityConflicts).values(conflict).returning();
      return row!;
    },
    async conflicts(releaseId) {
      return db()
        .select()
        .from(authorityConflicts)
        .where(eq(authorityConflicts.releaseId, releaseId))
        .orderBy(asc(authorityConflicts.id));
    },
    async resolveConflicts(releaseId, area, decisionId) {
      const result = await db()
        .update(authorityConflicts)
        .set({ resolvedByDecisionId: decisionId })
        .where(
          and(
            eq(authorityConflicts.releaseId, releaseId),
            eq(authorityConflicts.area, area),
            isNull(authorityConflicts.resolvedByDecisionId),
          ),
        );
      return result.rowCount ?? 0;
    },
    async recordProposal(proposal) {
      const [row] = await db()
        .insert(authorityProposals)
        .values({ ...proposal, status: 'open' })
        .returning();
      return row!;
    },
    async proposal(id) {
      const [row] = await db().select().from(authorityProposals).where(eq(authorityProposals.id, id));
      return row;
    },
    async closeProposals(releaseId, area, status, by, at) {
      const result = await db()
        .update(authorityProposals)
        .set({ status, resolvedBy: by, resolvedAt: at })
        .where(
          and(
            eq(authorityProposals.releaseId, releaseId),
            eq(authorityProposals.area, area),
            eq(authorityProposals.status, 'open'),
          ),
        );
      return result.rowCount ?? 0;
    },
  };
}
