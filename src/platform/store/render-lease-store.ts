import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { RenderGrant, RenderLeaseStore } from '../../core/ports.ts';
import type { Db } from './database.ts';
import { messageRenders } from './schema.ts';
import { promised, type RunOnConnection } from './sqlite-transactions.ts';

type RenderRow = typeof messageRenders.$inferSelect;

export function toGrant(row: Pick<RenderRow, 'holder' | 'leaseUntil' | 'requested' | 'digest'>, owner: string) {
  const grant: RenderGrant =
    row.holder === owner
      ? { held: true, version: row.requested, digest: row.digest }
      : { held: false, until: row.holder === null ? null : row.leaseUntil };
  return grant;
}

/**
 * Render leases. Each method is one statement (an upsert, or an update that checks the holder), so two processes
 * asking at once both count and at most one holds the lease.
 */
export function createRenderLeaseStore(db: Db, run: RunOnConnection): RenderLeaseStore {
  return promised<RenderLeaseStore>(run, {
    request(key, owner, now, until) {
      const free = or(
        isNull(messageRenders.holder),
        lte(messageRenders.leaseUntil, now),
        eq(messageRenders.holder, owner),
      );
      const row = db
        .insert(messageRenders)
        .values({ key, requested: 1, rendered: 0, holder: owner, leaseUntil: until })
        .onConflictDoUpdate({
          target: messageRenders.key,
          set: {
            requested: sql`${messageRenders.requested} + 1`,
            holder: sql`case when ${free} then ${owner} else ${messageRenders.holder} end`,
            leaseUntil: sql`case when ${free} then ${until.getTime()} else ${messageRenders.leaseUntil} end`,
          },
        })
        .returning()
        .get() as RenderRow;
      return toGrant(row, owner);
    },
    rendered({ key, owner, version, digest, until }) {
      const caughtUp = sql`${messageRenders.requested} <= ${version}`;
      const row = db
        .update(messageRenders)
        .set({
          rendered: version,
          digest,
          holder: sql`case when ${caughtUp} then null else ${messageRenders.holder} end`,
          leaseUntil: sql`case when ${caughtUp} then null else ${until.getTime()} end`,
        })
        .where(and(eq(messageRenders.key, key), eq(messageRenders.holder, owner)))
        .returning()
        .get();
      return row ? toGrant(row, owner) : { held: false, until: null };
    },
    release(key, owner) {
      db.update(messageRenders)
        .set({ holder: null, leaseUntil: null })
        .where(and(eq(messageRenders.key, key), eq(messageRenders.holder, owner)))
        .run();
    },
    pending(key) {
      const row = db
        .select({ key: messageRenders.key })
        .from(messageRenders)
        .where(and(eq(messageRenders.key, key), gt(messageRenders.requested, messageRenders.rendered)))
        .get();
      return row !== undefined;
    },
  });
}
