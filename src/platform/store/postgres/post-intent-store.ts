import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PostIntent, PostIntentStore } from '../../../core/ports.ts';
import type { PgContext } from './context.ts';
import { postIntents } from './schema.ts';

type IntentRow = typeof postIntents.$inferSelect;

function toPostIntent(row: IntentRow): PostIntent {
  return {
    key: row.key,
    channelId: row.channelId,
    threadTs: row.threadTs,
    searchFrom: row.searchFrom,
    attempts: row.attempts,
    claimedUntil: row.claimedUntil,
    posted: row.postedTs ? { channelId: row.postedChannelId ?? row.channelId, ts: row.postedTs } : null,
  };
}

/**
 * The SQLite store's twin (`../post-intent-store.ts`). The claim is one upsert whose update is conditional: two
 * replicas claiming at once meet on the row's lock, and the second sees the first's claim (READ COMMITTED re-checks
 * the condition against it), so exactly one holds it.
 */
export function createPostgresPostIntentStore({ db, claiming }: PgContext): PostIntentStore {
  return {
    claim(input) {
      return claiming(async () => {
        const claimable = and(
          isNull(postIntents.postedTs),
          or(
            isNull(postIntents.claimedBy),
            lte(postIntents.claimedUntil, input.now),
            eq(postIntents.claimedBy, input.owner),
          ),
        );
        const [claimed] = await db()
          .insert(postIntents)
          .values({
            key: input.key,
            channelId: input.channelId,
            threadTs: input.threadTs,
            searchFrom: input.searchFrom,
            createdAt: input.now,
            attempts: 1,
            claimedBy: input.owner,
            claimedUntil: input.until,
          })
          .onConflictDoUpdate({
            target: postIntents.key,
            set: { attempts: sql`${postIntents.attempts} + 1`, claimedBy: input.owner, claimedUntil: input.until },
            setWhere: claimable,
          })
          .returning();
        if (claimed) return { intent: toPostIntent(claimed), claimed: true };
        const [row] = await db().select().from(postIntents).where(eq(postIntents.key, input.key));
        return { intent: toPostIntent(row as IntentRow), claimed: false };
      });
    },
    async posted(key, message, at) {
      await db()
        .update(postIntents)
        .set({
          postedChannelId: message.channelId,
          postedTs: message.ts,
          postedAt: at,
          claimedBy: null,
          claimedUntil: null,
        })
        .where(eq(postIntents.key, key));
    },
    async release(key, owner) {
      await db()
        .update(postIntents)
        .set({ claimedBy: null, claimedUntil: null })
        .where(and(eq(postIntents.key, key), eq(postIntents.claimedBy, owner)));
    },
    async prune(before) {
      const result = await db().delete(postIntents).where(lt(postIntents.createdAt, before));
      return result.rowCount ?? 0;
    },
  };
}
