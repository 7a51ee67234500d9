import { and, eq, gt, lte } from 'drizzle-orm';
import type { InteractionStore } from '../../../core/ports.ts';
import type { PgContext } from './context.ts';
import { slackDeliveries, slackViews } from './schema.ts';

/**
 * The SQLite interaction store's twin (`../interaction-store.ts`). A claim is one `INSERT … ON CONFLICT DO UPDATE …
 * WHERE expired`: replicas claiming the same key at once get one winner, the others see the row it wrote.
 */
export function createPostgresInteractionStore({ db }: PgContext): InteractionStore {
  return {
    async claim(key, now, expiresAt) {
      const rows = await db()
        .insert(slackDeliveries)
        .values({ key, claimedAt: now, expiresAt })
        .onConflictDoUpdate({
          target: slackDeliveries.key,
          set: { claimedAt: now, expiresAt },
          setWhere: lte(slackDeliveries.expiresAt, now),
        })
        .returning({ key: slackDeliveries.key });
      return rows.length > 0;
    },
    async release(key) {
      await db().delete(slackDeliveries).where(eq(slackDeliveries.key, key));
    },
    async recordView(view) {
      const { viewId, ...rest } = view;
      await db().insert(slackViews).values(view).onConflictDoUpdate({ target: slackViews.viewId, set: rest });
    },
    async findView(viewId, now) {
      const [row] = await db()
        .select()
        .from(slackViews)
        .where(and(eq(slackViews.viewId, viewId), gt(slackViews.expiresAt, now)));
      return row;
    },
    async purgeExpired(now) {
      const deliveries = await db().delete(slackDeliveries).where(lte(slackDeliveries.expiresAt, now));
      const views = await db().delete(slackViews).where(lte(slackViews.expiresAt, now));
      return (deliveries.rowCount ?? 0) + (views.rowCount ?? 0);
    },
  };
}
