import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { RenderGrant, RenderLeaseStore } from '../../../core/ports.ts';
import type { PgContext } from './context.ts';
import { messageRenders } from './schema.ts';

type RenderRow = typeof messageRenders.$inferSelect;

function toGrant(row: Pick<RenderRow, 'holder' | 'leaseUntil' | 'requested' | 'digest'>, owner: string) {
  const grant: RenderGrant =
    row.holder === owner
      ? { held: true, version: row.requested, digest: row.digest }
      : { held: false, until: row.holder === null ? null : row.leaseUntil };
  return grant;
}

/**
 * The SQLite store's twin (`../render-lease-store.ts`): one statement per method, in READ COMMITTED, so that two
 * replicas asking at once queue on the row and each sees the other's request.
 */
export function createPostgresRenderLeaseStore({ db, claiming }: PgContext): RenderLeaseStore {
  return {
    request(key, owner, now, until) {
      return claiming(async () => {
        const free = or(
          isNull(messageRenders.holder),
          lte(messageRenders.leaseUntil, now),
          eq(messageRenders.holder, owner),
        );
        const [row] = await db()
          .insert(messageRenders)
          .values({ key, requested: 1, rendered: 0, holder: owner, leaseUntil: until })
          .onConflictDoUpdate({
            target: messageRenders.key,
            set: {
              requested: sql`${messageRenders.requested} + 1`,
              holder: sql`case when ${free} then ${owner} else ${messageRenders.holder} end`,
              leaseUntil: sql`case when ${free} then ${until.toISOString()}::timestamptz else ${messageRenders.leaseUntil} end`,
            },
          })
          .returning();
        return toGrant(row as RenderRow, owner);
      });
    },
    rendered({ key, owner, version, digest, until }) {
      return claiming(async () => {
        const caughtUp = sql`${messageRenders.requested} <= ${version}`;
        const [row] = await db()
          .update(messageRenders)
          .set({
            rendered: version,
            digest,
            holder: sql`case when ${caughtUp} then null else ${messageRenders.holder} end`,
            leaseUntil: sql`case when ${caughtUp} then null else ${until.toISOString()}::timestamptz end`,
          })
          .where(and(eq(messageRenders.key, key), eq(messageRenders.holder, owner)))
          .returning();
        return row ? toGrant(row, owner) : { held: false, until: null };
      });
    },
    async release(key, owner) {
      await db()
        .update(messageRenders)
        .set({ holder: null, leaseUntil: null })
        .where(and(eq(messageRenders.key, key), eq(messageRenders.holder, owner)));
    },
    async pending(key) {
      const rows = await db()
        .select({ key: messageRenders.key })
        .from(messageRenders)
        .where(and(eq(messageRenders.key, key), gt(messageRenders.requested, messageRenders.rendered)));
      return rows.length > 0;
    },
  };
}
