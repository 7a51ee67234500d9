import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Transaction } from '../../../core/deps.ts';
import { migrationsFolder } from '../migrations-folder.ts';
import type { PgContext, PgDb } from './context.ts';

export const POSTGRES_MIGRATIONS_FOLDER = migrationsFolder('postgres');

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure and deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Enough for a burst of replicas contending for the same rows; a conflict that outlasts it is reported. */
export const MAX_TRANSACTION_ATTEMPTS = 10;

export type PostgresDatabase = PgContext & {
  transaction: Transaction;
  read: Transaction;
  /** Resolves when the server answers `select 1` within `timeoutMs`; rejects otherwise. For the health check. */
  ping: (timeoutMs?: number) => Promise<void>;
  /** Waits for the connections in use to be given back, then closes the pool. */
  close: () => Promise<void>;
  pool: pg.Pool;
};

export type PostgresOptions = {
  /**
   * Where errors on idle pooled connections go (the server restarted, a proxy cut the connection). Without a
   * listener `pg` would crash the process; the pool replaces the connection on the next query either way.
   */
  onIdleError?: (error: Error) => void;
  /** Connections per process (pg's default is 10). */
  maxConnections?: number;
  /** Runs the migrations before returning (the default); `db:copy` and the tests may already have. */
  migrate?: boolean;
};

/** One open transaction: its connection, its query builder, and whether it is still open. */
type Scope = { client: pg.PoolClient; db: PgDb; savepoints: number; open: boolean };

/** drizzle wraps the driver's error (`Failed query: …`), so the SQLSTATE may be on a cause. */
export function isRetryable(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Full jitter, doubling from 10 ms and capped at 250 ms: replicas that collided do not collide again in step. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(250, 10 * 2 ** (attempt - 1));
}

/**
 * Opens a pool on `url` and, unless told not to, migrates the database under an advisory lock, so that replicas
 * starting together migrate once: the others wait, then find nothing left to do.
 */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'release-bot',
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  const poolDb: PgDb = drizzle(pool);
  const context = new AsyncLocalStorage<Scope>();

  const db = (): PgDb => {
    const scope = context.getStore();
    if (!scope) return poolDb;
    // A promise left running by `fn` after its transaction ended must not write through a connection that is back in
    // the pool, possibly inside someone else's transaction.
    if (!scope.open) throw new Error('a store call outlived its transaction: await every store call inside it');
    return scope.db;
  };

  async function inSavepoint<T>(scope: Scope, fn: () => Promise<T>): Promise<T> {
    scope.savepoints += 1;
    const name = `release_bot_${scope.savepoints}`;
    await scope.client.query(`savepoint ${name}`);
    try {
      const result = await fn();
      await scope.client.query(`release savepoint ${name}`);
      return result;
    } catch (error) {
      // If even this fails the connection is gone, and the outer transaction will say so; keep the first error.
      await scope.client.query(`rollback to savepoint ${name}`).catch(() => undefined);
      throw error;
    }
  }

  async function run<T>(
    isolation: 'serializable' | 'read committed' | 'repeatable read read only',
    fn: () => Promise<T>,
  ): Promise<T> {
    const outer = context.getStore();
    if (outer?.open) return inSavepoint(outer, fn);
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      for (let attempt = 1; ; attempt += 1) {
        const scope: Scope = { client, db: drizzle(client), savepoints: 0, open: true };
        try {
          await client.query(`begin isolation level ${isolation}`);
          const result = await context.run(scope, fn);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          if (broken || !isRetryable(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        } finally {
          scope.open = false;
        }
        await sleep(backoffMs(attempt));
      }
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it rather than hand it to the next caller.
      client.release(broken);
    }
  }

  if (options.migrate !== false) {
    // A database that cannot be migrated is not opened: give the connections back so the process may exit.
    await migrateLocked(pool).catch(async (error: unknown) => {
      await pool.end().catch(() => undefined);
      throw error;
    });
  }

  let closing: Promise<void> | undefined;
  return {
    db,
    claiming: (fn) => run('read committed', fn),
    transaction: (fn) => run('serializable', fn),
    // A read-only snapshot: never a serialization failure, never a lock another transaction waits for.
    read: (fn) => run('repeatable read read only', fn),
    async ping(timeoutMs = 2000) {
      const query = pool.query('select 1');
      query.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
    pool,
  };
}

/**
 * drizzle's migrator creates its bookkeeping schema and table before its own transaction, so two replicas migrating
 * at once would race on them. A session advisory lock, on the same connection the migration runs on, serializes them.
 */
async function migrateLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('release-bot migrations'))`);
    try {
      await migrate(drizzle(client), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('release-bot migrations'))`);
    }
  } finally {
    client.release();
  }
}
