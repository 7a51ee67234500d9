import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/platform/store/database.ts';
import { createStore } from '../../src/store.ts';

/** A fresh, migrated SQLite database in a file on disk (as in production), removed when the test ends. */
export function createTestDatabase(): OpenDatabase & { path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-test-'));
  const path = join(dir, 'test.sqlite');
  const database = openDatabase(path);
  onTestFinished(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { ...database, path, dir };
}

export function createTestStore() {
  const database = createTestDatabase();
  return { ...database, store: createStore(database) };
}
