import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Transaction } from '../../core/deps.ts';
import { StoreBusyError } from '../../core/store-busy.ts';

/**
 * How long a store call or transaction waits for another process's write lock, in total, before it gives up with
 * `StoreBusyError`. Slack wants an answer within 3 s; a view submission may wait twice (its delivery record, then its
 * transaction), so each wait stays well under half of that.
 */
export const BUSY_BUDGET_MS = 800;

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, waiting between tries without blocking the event loop
 * (better-sqlite3's own busy wait would: the connection's `busy_timeout` is 0), for at most `BUSY_BUDGET_MS`.
 */
async function whileBusy<T>(attempt: () => Promise<T>, budgetMs = BUSY_BUDGET_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  let wait = 5;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + wait > deadline) {
        throw new StoreBusyError(`the database is locked by another connection (waited ${budgetMs} ms)`, {
          cause: error,
        });
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 80);
    }
  }
}

/**
 * Runs one store method's synchronous body on the shared connection and hands its result (or its error) back as a
 * promise. See `createSqliteTransactions` for when the body runs.
 */
export type RunOnConnection = <T>(body: () => T) => Promise<T>;

/**
 * A store port as a SQLite store writes it: the same methods, returning their results directly. `promised` turns it
 * into the port, so the store files keep plain better-sqlite3 code and no method can forget the connection's rules.
 */
export type Synchronous<Port> = {
  [K in keyof Port]: Port[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** Every method of `methods`, each run through `run`. */
export function promised<Port>(run: RunOnConnection, methods: Synchronous<Port>): Port {
  const port: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, method] of Object.entries(methods as Record<string, (...args: unknown[]) => unknown>)) {
    port[name] = (...args) => run(() => method(...args));
  }
  return port as Port;
}

export type SqliteTransactions = {
  transaction: Transaction;
  /** A read-only snapshot (a DEFERRED transaction): it never needs the write lock another process may hold. */
  read: Transaction;
  run: RunOnConnection;
  /**
   * A synchronous IMMEDIATE transaction, for a store method whose body must be atomic against other processes on the
   * same file (claiming timers and occurrences). Inside `transaction` it is a savepoint.
   */
  immediate: <T>(body: () => T) => T;
};

/** A FIFO lock: `release` hands it straight to the next waiter, so nobody can slip in between. */
class Mutex {
  private held = false;
  /** Who holds it: the connection whose transaction runs. */
  holder: unknown;
  private readonly waiting: Array<{ holder: unknown; wake: () => void }> = [];

  get locked(): boolean {
    return this.held;
  }

  /** Takes the lock at once if it is free (no tick in between, so nothing can run before the caller's next step). */
  tryAcquire(holder?: unknown): boolean {
    if (this.held) return false;
    this.held = true;
    this.holder = holder;
    return true;
  }

  async acquire(holder?: unknown): Promise<void> {
    if (this.tryAcquire(holder)) return;
    await new Promise<void>((wake) => this.waiting.push({ holder, wake }));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) {
      this.holder = next.holder;
      next.wake();
    } else {
      this.held = false;
      this.holder = undefined;
    }
  }
}

/**
 * SQLite's write lock belongs to the file, so the in-process lock does too: two connections to one file in one
 * process (two bots in a test) share it. Otherwise one connection's synchronous write would block the thread on
 * `busy_timeout` while the other's open transaction waits for that same thread to go on. Other processes are kept
 * out by SQLite's own lock, as before. An entry lives while its lock is held or awaited.
 */
const fileLocks = new Map<string, Mutex>();

function fileLock(key: string, owner: unknown) {
  const mutex = (): Mutex => {
    let found = fileLocks.get(key);
    if (!found) {
      found = new Mutex();
      fileLocks.set(key, found);
    }
    return found;
  };
  return {
    get locked(): boolean {
      return fileLocks.get(key)?.locked ?? false;
    },
    /** Held by a transaction of another connection to the same file. */
    get heldByOther(): boolean {
      const found = fileLocks.get(key);
      return found?.locked === true && found.holder !== owner;
    },
    tryAcquire: (): boolean => mutex().tryAcquire(owner),
    acquire: (): Promise<void> => mutex().acquire(owner),
    release(): void {
      const found = fileLocks.get(key);
      found?.release();
      if (found && !found.locked) fileLocks.delete(key);
    },
  };
}

let anonymous = 0;

/** A file's lock key; an in-memory or temporary database is its connection's own. */
function lockKey(sqlite: Database.Database): string {
  if (sqlite.memory || sqlite.name === '') return `memory:${++anonymous}`;
  return resolve(sqlite.name);
}

/**
 * One transaction or savepoint. `open` turns false when it ends, so work that `fn` started without awaiting and that
 * outlives it (it keeps the async context) is treated as foreign instead of writing into whatever runs next.
 */
type Frame = { open: boolean; depth: number; children: Mutex };

const frame = (depth: number): Frame => ({ open: true, depth, children: new Mutex() });

/**
 * Transactions over one better-sqlite3 connection shared by every request of the process.
 *
 * A connection has one transaction at a time, and anything run on it while that transaction is open is part of it.
 * With synchronous stores that never mattered; now that use cases await between store calls, another request's
 * store call could land in the middle of someone else's transaction. So:
 * - `transaction` takes an in-process lock (one per database file), then `BEGIN IMMEDIATE` (the write lock between
 *   processes, as before), runs `fn` in an async context that marks it as the transaction's, and commits, or rolls
 *   back and rethrows. Called again inside that context, it is a savepoint; sibling savepoints take turns.
 * - `run` executes a store method's body at once when it belongs to the open transaction or when no transaction is
 *   open (the common case, which costs one promise), and otherwise waits for the lock like a transaction would.
 */
export function createSqliteTransactions(sqlite: Database.Database): SqliteTransactions {
  const lock = fileLock(lockKey(sqlite), sqlite);
  const context = new AsyncLocalStorage<Frame>();
  const current = (): Frame | undefined => {
    const inside = context.getStore();
    return inside?.open ? inside : undefined;
  };

  async function within<T>(inside: Frame, fn: () => Promise<T>, sql: { commit: string; rollback: string[] }) {
    try {
      const result = await context.run(inside, fn);
      sqlite.exec(sql.commit);
      return result;
    } catch (error) {
      // SQLite ends the transaction itself on some errors (a full disk, an I/O error); then there is nothing to undo.
      if (sqlite.inTransaction) for (const statement of sql.rollback) sqlite.exec(statement);
      throw error;
    } finally {
      inside.open = false;
    }
  }

  async function savepoint<T>(parent: Frame, fn: () => Promise<T>): Promise<T> {
    await parent.children.acquire();
    try {
      if (!parent.open) throw new Error('the enclosing transaction has already ended');
      const name = `release_bot_${parent.depth + 1}`;
      sqlite.exec(`SAVEPOINT ${name}`);
      return await within(frame(parent.depth + 1), fn, {
        commit: `RELEASE ${name}`,
        rollback: [`ROLLBACK TO ${name}`, `RELEASE ${name}`],
      });
    } finally {
      parent.children.release();
    }
  }

  /** The body's own errors, SQLITE_BUSY included, are not retried by `whileBusy`: it may have done things. */
  class BodyFailed {
    readonly error: unknown;
    constructor(error: unknown) {
      this.error = error;
    }
  }

  const transaction: Transaction = async (fn) => {
    const parent = current();
    if (parent) return savepoint(parent, fn);
    try {
      return await whileBusy(async () => {
        // A free lock is taken and BEGIN run in the same tick: another connection's write never slips in between.
        if (!lock.tryAcquire()) await lock.acquire();
        try {
          // Another process's write lock fails this at once (busy_timeout 0); the lock is let go and BEGIN tried again.
          sqlite.exec('BEGIN IMMEDIATE');
          try {
            return await within(frame(0), fn, { commit: 'COMMIT', rollback: ['ROLLBACK'] });
          } catch (error) {
            throw new BodyFailed(error);
          }
        } finally {
          lock.release();
        }
      });
    } catch (error) {
      throw error instanceof BodyFailed ? error.error : error;
    }
  };

  const read: Transaction = async (fn) => {
    if (current()) return fn();
    if (!lock.tryAcquire()) await lock.acquire();
    try {
      // DEFERRED: the snapshot starts at the first read and takes no write lock, so a writer elsewhere never blocks it.
      sqlite.exec('BEGIN');
      return await within(frame(0), fn, { commit: 'COMMIT', rollback: ['ROLLBACK'] });
    } finally {
      lock.release();
    }
  };

  const runNow = <T>(body: () => T): Promise<T> => {
    try {
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  /**
   * Another connection's transaction holds the file: a read goes ahead (WAL readers never wait for the writer), a
   * write would wait for a lock that the thread itself must let go. The connection never busy-waits (busy_timeout
   * 0), so SQLite refuses such a write before it changes anything (SQLITE_BUSY at the first write), and the body
   * then waits for the in-process lock and runs again.
   */
  const tryWithoutWaiting = <T>(body: () => T): { ran: true; value: T } | { ran: false } => {
    try {
      return { ran: true, value: body() };
    } catch (error) {
      if (isBusy(error) && !sqlite.inTransaction) return { ran: false };
      throw error;
    }
  };

  const attempt = <T>(body: () => T): Promise<T> => {
    if (!lock.locked) return runNow(body);
    if (lock.heldByOther) {
      try {
        const tried = tryWithoutWaiting(body);
        if (tried.ran) return Promise.resolve(tried.value);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return (async () => {
      await lock.acquire();
      try {
        return body();
      } finally {
        lock.release();
      }
    })();
  };

  /** Inside the open transaction a body runs at once; outside, it is tried again while another process writes. */
  const run: RunOnConnection = (body) => (current() ? runNow(body) : whileBusy(() => attempt(body)));

  return { transaction, read, run, immediate: (body) => sqlite.transaction(body).immediate() };
}
