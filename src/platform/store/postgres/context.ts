import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

/** The query builder the PostgreSQL stores write with. */
export type PgDb = NodePgDatabase;

/**
 * What a PostgreSQL store is built on. Type-only on purpose: only `database.ts` loads `pg`, and the composition root
 * imports that lazily, so a bot running on SQLite never loads it.
 */
export type PgContext = {
  /**
   * The open transaction's connection while `transaction` runs in the async context, so that store calls made
   * inside it join it; the pool otherwise. Asked for on every query, never kept.
   */
  db: () => PgDb;
  /**
   * Runs `fn` in a READ COMMITTED transaction, or in a savepoint of the transaction already open. For claims that
   * lock rows (`FOR UPDATE SKIP LOCKED`, conditional updates): a replica must skip or wait for rows another one
   * holds, which is what READ COMMITTED does, where SERIALIZABLE would fail and retry.
   */
  claiming: <T>(fn: () => Promise<T>) => Promise<T>;
};
