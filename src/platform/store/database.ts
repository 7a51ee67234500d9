import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/** The query builder over the SQLite connection; each module's store brings its own tables (`<module>/store/schema.ts`). */
export type Db = BetterSQLite3Database;

export type OpenDatabase = { db: Db; sqlite: Database.Database; close: () => void };

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * drizzle's migrator reads which migrations ran before it takes the write lock, so two processes starting together
 * on a new file both try to create the tables, and the second fails once the first commits. It then finds them all
 * applied: so a migration that fails because its table already exists is run again, which then does nothing.
 */
function migrateOnce(db: Db): void {
  for (let attempt = 1; ; attempt += 1) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return;
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? '';
      if (attempt >= 3 || !/already exists/.test(cause)) throw error;
    }
  }
}

/** Opens (creating its folder if needed) and migrates the database. `:memory:` works for throwaway use. */
export function openDatabase(path: string): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Two processes may share the file (a rolling restart); wait for the other's write lock instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite);
  migrateOnce(db);
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the file starts as every SQLite database does (the header's first 16 bytes never change). */
function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the SQLite database answers a trivial read (its table count), within `timeoutMs`, asked of the file on
 * disk: its header, then a connection of its own. The bot's connection keeps answering from its cache and the
 * write-ahead log even after the file was replaced or damaged, and only a fresh look at the file sees that. The read
 * never waits on SQLite's busy handler (that would block the process): a file another process holds locked is asked
 * again a little later, until the time is up.
 */
export async function pingSqlite(path: string, timeoutMs: number): Promise<boolean> {
  if (path === ':memory:') return true;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let probe: Database.Database | undefined;
    try {
      if (!hasSqliteHeader(path)) return false;
      probe = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
      probe.prepare('select count(*) from sqlite_master').get();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) return false;
    } finally {
      probe?.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
