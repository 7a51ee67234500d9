import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder } from './migrations-folder.ts';

/** The query builder over the SQLite connection; each module's store brings its own tables (`<module>/store/schema.ts`). */
export type Db = BetterSQLite3Database;

export type OpenDatabase = {
  db: Db;
  sqlite: Database.Database;
  close: () => void;
  /** Undefined while the file is still the database this connection opened and answers a query; else why not. */
  check: () => string | undefined;
};

const MIGRATIONS_FOLDER = migrationsFolder('sqlite');
const SQLITE_HEADER = 'SQLite format 3\0';

/** The database file cannot be used: `reason` says why in a few words ("is a directory"). */
export class DatabaseOpenError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`${path} ${reason}`, options);
    this.name = 'DatabaseOpenError';
    this.path = path;
    this.reason = reason;
  }
}

const code = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** What a file-system or SQLite error means for the person who chose the path. */
function describeError(error: unknown, where: string): string {
  switch (code(error)) {
    case 'ENOTDIR':
      return `cannot be created: a part of the path is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `cannot be created: permission denied for ${where}`;
    case 'EROFS':
      return `is on a read-only file system`;
    case 'EISDIR':
      return 'is a directory';
    case 'SQLITE_NOTADB':
      return 'is not a SQLite database';
    case 'SQLITE_CORRUPT':
      return 'is a corrupt SQLite database';
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'SQLITE_READONLY_DIRECTORY':
      return 'is read-only (a read-only file system or mount, or no write permission)';
    case 'SQLITE_CANTOPEN':
      return 'cannot be opened (its folder is read-only or not accessible)';
    case 'SQLITE_BUSY':
      return 'is locked by another process';
    case 'SQLITE_FULL':
      return 'cannot be written: the disk is full';
    default:
      return `cannot be opened: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes the folder one level at a time from the nearest one that exists, so that each way it can fail is seen for
 * what it is (Node's recursive mkdir answers EEXIST for a file in the way, and does not return on some virtual file
 * systems).
 */
function makeFolder(path: string, folder: string): void {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    let stats: ReturnType<typeof statSync> | undefined;
    try {
      stats = statSync(current);
    } catch (error) {
      if (code(error) === 'ENOTDIR') throw new DatabaseOpenError(path, describeError(error, current));
      if (code(error) !== 'ENOENT') throw new DatabaseOpenError(path, describeError(error, current), { cause: error });
    }
    if (stats) {
      if (!stats.isDirectory()) {
        throw new DatabaseOpenError(path, `cannot be created: a part of the path (${current}) is a file, not a folder`);
      }
      break;
    }
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const part of missing) {
    try {
      mkdirSync(part);
    } catch (error) {
      if (code(error) === 'EEXIST') continue;
      const why =
        code(error) === 'ENOENT'
          ? `cannot be created: the folder ${part} cannot be made`
          : describeError(error, `the folder ${part}`);
      throw new DatabaseOpenError(path, why, { cause: error });
    }
  }
}

/** Checks the path before SQLite sees it, so that each way it can be wrong gets its own sentence. */
function preparePath(path: string): void {
  const folder = dirname(resolve(path));
  makeFolder(path, folder);
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(path);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw new DatabaseOpenError(path, describeError(error, path), { cause: error });
  }
  if (stats?.isDirectory()) throw new DatabaseOpenError(path, 'is a directory');
  if (stats && !stats.isFile()) throw new DatabaseOpenError(path, 'is not a regular file');
  if (stats && stats.size > 0) {
    let header: string;
    try {
      header = readHeader(path);
    } catch (error) {
      throw new DatabaseOpenError(path, describeError(error, path), { cause: error });
    }
    if (header !== SQLITE_HEADER) throw new DatabaseOpenError(path, 'is not a SQLite database');
  }
  // SQLite opens a read-only file without complaint and fails at the first write, long after start-up; and WAL
  // needs to create its -wal and -shm files beside the database.
  const readOnly = whyNotWritable(path);
  if (readOnly) throw new DatabaseOpenError(path, readOnly);
}

/** How many prepared statements a connection keeps (the bot's queries have far fewer shapes). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle prepares every query anew, and compiling the SQL (`sqlite3_prepare`) was most of what a small query cost:
 * the largest part of a vote click's CPU time. The connection drizzle is given keeps its statements by their SQL,
 * the least recently used let go past `STATEMENT_CACHE_SIZE`. better-sqlite3 runs a statement to the end in one
 * call, so one statement is never in use twice; drizzle switches a statement to raw mode for the selects it maps
 * itself, so each is handed out in the default mode.
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let statement = cache.get(source);
    if (statement) cache.delete(source);
    else statement = sqlite.prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement.reader ? statement.raw(false) : statement;
  };
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Opens (creating its folder if needed) and migrates the database. `:memory:` works for throwaway use. Every way the
 * path can be unusable is a `DatabaseOpenError` saying which, and nothing is left open.
 */
export function openDatabase(path: string): OpenDatabase {
  const memory = path === ':memory:';
  if (!memory) preparePath(path);
  let sqlite: Database.Database | undefined;
  try {
    // No busy wait while opening: a file locked by another process is reported, not waited for.
    sqlite = new Database(path, { timeout: 0 });
    const opening = sqlite;
    // Switching to WAL takes the file's lock for a moment: a second process starting alongside waits its turn.
    whenFree(() => opening.pragma('journal_mode = WAL'));
    sqlite.pragma('foreign_keys = ON');
    // Two processes may share the file (a rolling restart). The wait for the other's write lock happens in
    // sqlite-transactions.ts, between tries, because better-sqlite3's own busy wait would block the event loop.
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('synchronous = NORMAL');
    // The commit that crosses the threshold copies the WAL into the file and syncs both, blocking the event loop
    // meanwhile: at SQLite's default of 1,000 pages that was a 8–12 ms stall every few hundred votes here; at 250 it
    // is 2–3 ms, for about the same work in all (an fsync costs about what copying 750 pages does).
    sqlite.pragma('wal_autocheckpoint = 250');
    const db = drizzle(withStatementCache(sqlite));
    migrateWhenFree(db);
    const opened = sqlite;
    const file = memory ? undefined : { path, inode: statSync(path).ino };
    return {
      db,
      sqlite: opened,
      close: () => {
        if (opened.open) opened.close();
      },
      check: () => checkDatabase(opened, file),
    };
  } catch (error) {
    if (sqlite?.open) sqlite.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(path, whyNotWritable(path) ?? describeError(error, path), { cause: error });
  }
}

/** SQLite says "unable to open" or "readonly" for a read-only mount; the file system says which it is. */
function whyNotWritable(path: string): string | undefined {
  if (path === ':memory:') return undefined;
  const folder = dirname(resolve(path));
  for (const target of [path, folder]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      if (code(error) === 'ENOENT') continue;
      if (code(error) === 'EROFS') return 'is on a read-only file system';
      if (code(error) === 'EACCES' || code(error) === 'EPERM')
        return `cannot be written: no write permission for ${target}`;
    }
  }
  return undefined;
}

/**
 * The migrations at start-up, waiting up to 5 s for another process that is writing (a rolling restart).
 *
 * drizzle's migrator reads which migrations ran before it takes the write lock, so two processes starting together
 * on a new file both try to create the tables, and the second fails once the first commits. It then finds them all
 * applied: so a migration that fails because its table already exists is run again, which then does nothing.
 */
function migrateWhenFree(db: Db): void {
  whenFree(() => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }), true);
}

/** Runs a start-up step, trying again for up to 5 s while another process holds the file's write lock. */
function whenFree(step: () => unknown, retryRaces = false): void {
  const deadline = Date.now() + 5000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      step();
      return;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      const busy = code(error)?.startsWith('SQLITE_BUSY') || code(cause)?.startsWith('SQLITE_BUSY');
      const message = (cause as { message?: string } | undefined)?.message ?? '';
      const raced = retryRaces && attempt < 3 && /already exists/.test(message);
      if (raced) continue;
      if (!busy || Date.now() > deadline) throw error;
      // Start-up only: nothing else is running on this thread yet.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/**
 * `/healthz` on SQLite: the path still holds the file this connection opened (not deleted, replaced or overwritten
 * with something else) and a query answers. All of it is local and synchronous, so it cannot hang.
 */
function checkDatabase(
  sqlite: Database.Database,
  file: { path: string; inode: number } | undefined,
): string | undefined {
  try {
    if (!sqlite.open) return 'the database is closed';
    if (file) {
      const stats = statSync(file.path);
      if (stats.ino !== file.inode) return `${file.path} was replaced by another file`;
      if (readHeader(file.path) !== SQLITE_HEADER) return `${file.path} is not a SQLite database any more`;
    }
    sqlite.prepare('select count(*) from sqlite_master').pluck().get();
    return undefined;
  } catch (error) {
    if (code(error) === 'ENOENT' && file) return `${file.path} was deleted`;
    return describeError(error, file?.path ?? 'the database');
  }
}
