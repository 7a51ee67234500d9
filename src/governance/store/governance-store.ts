import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { GovernanceStore } from '../ports.ts';
import { authorityConflicts, authorityProposals, checklistItems, checklistTicks, handoffs } from './schema.ts';

/** Checklist state and its append-only tick history, handoffs, conflicts and joint-decision proposals. */
export function createGovernanceStore(db: Db, run: RunOnConnection): GovernanceStore {
  return promised<GovernanceStore>(run, {
    checklist(releaseId) {
      return db
        .select()
        .from(checklistItems)
        .where(eq(checklistItems.releaseId, releaseId))
        .orderBy(asc(checklistItems.position))
        .all();
    },
    createChecklist(items) {
      if (items.length === 0) return;
      db.insert(checklistItems)
        .values(items.map((item) => ({ ...item })))
        .onConflictDoNothing()
        .run();
    },
    setTick(tick) {
      const ticked = tick.action === 'tick';
      db.update(checklistItems)
        .set({
          tickedBy: ticked ? tick.actorId : null,
          tickedAt: ticked ? tick.at : null,
          evidenceUrl: ticked ? tick.evidenceUrl : null,
        })
        .where(and(eq(checklistItems.releaseId, tick.releaseId), eq(checklistItems.key, tick.key)))
        .run();
      db.insert(checklistTicks).values(tick).run();
    },
    checklistHistory(releaseId) {
      return db
        .select()
        .from(checklistTicks)
        .where(eq(checklistTicks.releaseId, releaseId))
        .orderBy(asc(checklistTicks.id))
        .all();
    },
    handoffs(releaseId) {
      return db.select().from(handoffs).where(eq(handoffs.releaseId, releaseId)).all();
    },
    saveHandoff(state) {
      const { releaseId: _r, key: _k, ...rest } = state;
      db.insert(handoffs)
        .values(state)
        .onConflictDoUpdate({ target: [handoffs.releaseId, handoffs.key], set: rest })
        .run();
    },
    recordConflict(conflict) {
      return db.insert(authorityConflicts).values(conflict).returning().get();
    },
    conflicts(releaseId) {
      return db
        .select()
        .from(authorityConflicts)
        .where(eq(authorityConflicts.releaseId, releaseId))
        .orderBy(asc(authorityConflicts.id))
        .all();
    },
    resolveConflicts(releaseId, area, decisionId) {
      return db
        .update(authorityConflicts)
        .set({ resolvedByDecisionId: decisionId })
        .where(
          and(
            eq(authorityConflicts.releaseId, releaseId),
            eq(authorityConflicts.area, area),
            isNull(authorityConflicts.resolvedByDecisionId),
          ),
        )
        .run().changes;
    },
    recordProposal(proposal) {
      return db
        .insert(authorityProposals)
        .values({ ...proposal, status: 'open' })
        .returning()
        .get();
    },
    proposal(id) {
      return db.select().from(authorityProposals).where(eq(authorityProposals.id, id)).get();
    },
    closeProposals(releaseId, area, status, by, at) {
      return db
        .update(authorityProposals)
        .set({ status, resolvedBy: by, resolvedAt: at })
        .where(
          and(
            eq(authorityProposals.releaseId, releaseId),
            eq(authorityProposals.area, area),
            eq(authorityProposals.status, 'open'),
          ),
        )
        .run().changes;
    },
  });
}
