import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { InteractionStore } from '../../core/ports.ts';
import type { Db } from './database.ts';
import { slackDeliveries, slackViews } from './schema.ts';
import { promised, type RunOnConnection } from './sqlite-transactions.ts';

/**
 * Deliveries and opened views on SQLite. A claim is one statement (insert, or take over an expired row), so two
 * processes on the file cannot both win it.
 */
export function createInteractionStore(db: Db, run: RunOnConnection): InteractionStore {
  // Every delivery claims a key and every modal is recorded and looked up: prepared once, not built per request.
  const claim = db
    .insert(slackDeliveries)
    .values({ key: sql.placeholder('key'), claimedAt: sql.placeholder('now'), expiresAt: sql.placeholder('expiresAt') })
    .onConflictDoUpdate({
      target: slackDeliveries.key,
      // The row's new values are the ones this insert brings.
      set: { claimedAt: sql`excluded.claimed_at`, expiresAt: sql`excluded.expires_at` },
      // A placeholder in a comparison is bound as given (drizzle maps only inserted values): milliseconds.
      setWhere: lte(slackDeliveries.expiresAt, sql.placeholder('nowMs')),
    })
    .prepare();
  const findView = db
    .select()
    .from(slackViews)
    .where(and(eq(slackViews.viewId, sql.placeholder('viewId')), gt(slackViews.expiresAt, sql.placeholder('nowMs'))))
    .prepare();
  const recordView = db
    .insert(slackViews)
    .values({
      viewId: sql.placeholder('viewId'),
      callbackId: sql.placeholder('callbackId'),
      userId: sql.placeholder('userId'),
      privateMetadata: sql.placeholder('privateMetadata'),
      openedAt: sql.placeholder('openedAt'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .onConflictDoUpdate({
      target: slackViews.viewId,
      set: {
        callbackId: sql`excluded.callback_id`,
        userId: sql`excluded.user_id`,
        privateMetadata: sql`excluded.private_metadata`,
        openedAt: sql`excluded.opened_at`,
        expiresAt: sql`excluded.expires_at`,
      },
    })
    .prepare();
  return promised<InteractionStore>(run, {
    claim(key, now, expiresAt) {
      return claim.run({ key, now, expiresAt, nowMs: now.getTime() }).changes > 0;
    },
    release(key) {
      db.delete(slackDeliveries).where(eq(slackDeliveries.key, key)).run();
    },
    recordView(view) {
      recordView.run(view);
    },
    findView(viewId, now) {
      return findView.get({ viewId, nowMs: now.getTime() });
    },
    purgeExpired(now) {
      const deliveries = db.delete(slackDeliveries).where(lte(slackDeliveries.expiresAt, now)).run().changes;
      const views = db.delete(slackViews).where(lte(slackViews.expiresAt, now)).run().changes;
      return deliveries + views;
    },
  });
}
