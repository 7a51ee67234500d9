import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PostIntent, PostIntentStore } from '../../core/ports.ts';
import type { Db } from './database.ts';
import { postIntents } from './schema.ts';
import { promised, type RunOnConnection } from './sqlite-transactions.ts';

type IntentRow = typeof postIntents.$inferSelect;

export function toPostIntent(row: IntentRow): PostIntent {
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
 * Posts made once. A claim is one upsert: it lands when the intent is new, or not posted and nobody else's claim is
 * running; either way the row is read back in the same synchronous body, so no other write comes between.
 */
export function createPostIntentStore(db: Db, run: RunOnConnection): PostIntentStore {
  return promised<PostIntentStore>(run, {
    claim(input) {
      const claimable = and(
        isNull(postIntents.postedTs),
        or(
          isNull(postIntents.claimedBy),
          lte(postIntents.claimedUntil, input.now),
          eq(postIntents.claimedBy, input.owner),
        ),
      );
      const claimed = db
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
        .returning()
        .get();
      if (claimed) return { intent: toPostIntent(claimed), claimed: true };
      const row = db.select().from(postIntents).where(eq(postIntents.key, input.key)).get() as IntentRow;
      return { intent: toPostIntent(row), claimed: false };
    },
    posted(key, message, at) {
      db.update(postIntents)
        .set({
          postedChannelId: message.channelId,
          postedTs: message.ts,
          postedAt: at,
          claimedBy: null,
          claimedUntil: null,
        })
        .where(eq(postIntents.key, key))
        .run();
    },
    release(key, owner) {
      db.update(postIntents)
        .set({ claimedBy: null, claimedUntil: null })
        .where(and(eq(postIntents.key, key), eq(postIntents.claimedBy, owner)))
        .run();
    },
    prune(before) {
      return db.delete(postIntents).where(lt(postIntents.createdAt, before)).run().changes;
    },
  });
}
