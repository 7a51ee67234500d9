import { and, eq, gt, lte } from 'drizzle-orm';
import type { InteractionStore } from '../../core/ports.ts';
import type { Db } from './database.ts';
import { slackDeliveries, slackViews } from './schema.ts';
import { promised, type RunOnConnection } from './sqlite-transactions.ts';

/**
 * Deliveries and opened views on SQLite. A claim is one statement (insert, or take over an expired row), so two
 * processes on the file cannot both win it.
 */
export function createInteractionStore(db: Db, run: RunOnConnection): InteractionStore {
  return promised<InteractionStore>(run, {
    claim(key, now, expiresAt) {
      const result = db
        .insert(slackDeliveries)
        .values({ key, claimedAt: now, expiresAt })
        .onConflictDoUpdate({
          target: slackDeliveries.key,
          set: { claimedAt: now, expiresAt },
          setWhere: lte(slackDeliveries.expiresAt, now),
        })
        .run();
      return result.changes > 0;
    },
    release(key) {
      db.delete(slackDeliveries).where(eq(slackDeliveries.key, key)).run();
    },
    recordView(view) {
      const { viewId, ...rest } = view;
      db.insert(slackViews).values(view).onConflictDoUpdate({ target: slackViews.viewId, set: rest }).run();
    },
    findView(viewId, now) {
      return db
        .select()
        .from(slackViews)
        .where(and(eq(slackViews.viewId, viewId), gt(slackViews.expiresAt, now)))
        .get();
    },
    purgeExpired(now) {
      const deliveries = db.delete(slackDeliveries).where(lte(slackDeliveries.expiresAt, now)).run().changes;
      const views = db.delete(slackViews).where(lte(slackViews.expiresAt, now)).run().changes;
      return deliveries + views;
    },
  });
}
