import { mkdirSync } from 'node:fs';
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
