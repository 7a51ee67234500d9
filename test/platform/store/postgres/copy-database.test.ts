import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, onTestFinished, test } from 'vitest';
import { CopyRefused, copyDatabase } from '../../../../src/platform/store/copy-database.ts';
import { openPostgresStore } from '../../../../src/postgres-store.ts';
import { createStore } from '../../../../src/store.ts';
import { createTestDatabase } from '../../../helpers/test-db.ts';
import { createDatabase, describePostgres } from '../../../support/postgres/test-database.ts';
import { at, TEAM } from '../contract/harness.ts';
import { populate, readBack } from './populate.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const run = promisify(execFile);

/** `npm run db:copy` exactly: the same entry, through tsx. */
function dbCopy(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/db-copy.ts', ...args], { cwd: ROOT, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describePostgres('db:copy (SQLite to PostgreSQL)', (postgres) => {
  async function emptyTarget() {
    const target = await createDatabase(postgres.serverUrl());
    onTestFinished(() => target.drop());
    return target.url;
  }

  async function openTarget(url: string) {
    const opened = await openPostgresStore(url, { migrate: false });
    onTestFinished(() => opened.database.close());
    return opened;
  }

  test('every table is copied, in one go, and PostgreSQL answers every read as SQLite did', async () => {
    const sqlite = createTestDatabase();
    const source = createStore(sqlite);
    const populated = await populate(source);
    const url = await emptyTarget();

    const result = await copyDatabase({ from: sqlite.path, to: url });
    const tables = result.tables.map((t) => t.table);
    expect(tables).toHaveLength(41);
    expect(result.tables.filter((t) => t.rows === 0)).toEqual([]);
    const { store, database } = await openTarget(url);
    // Parents come first: no table is copied before one its foreign keys reference.
    const { rows: references } = await database.pool.query<{ child: string; parent: string }>(
      `select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint where contype = 'f'`,
    );
    expect(references.length).toBeGreaterThan(20);
    for (const { child, parent } of references) {
      expect(tables.indexOf(parent), `${parent} before ${child}`).toBeLessThan(tables.indexOf(child));
    }
    expect(await readBack(store, populated)).toEqual(await readBack(source, populated));
  });

  test('after the copy, new rows are numbered after the copied ones, and leases still run out', async () => {
    const sqlite = createTestDatabase();
    const source = createStore(sqlite);
    const populated = await populate(source);
    const url = await emptyTarget();
    await copyDatabase({ from: sqlite.path, to: url });
    const { store } = await openTarget(url);

    const next = await store.releases.insert({
      teamId: TEAM,
      channelId: 'CNEW',
      name: 'after the copy',
      targetDate: '2027-01-10',
      windowStart: null,
      windowEnd: null,
      timeZone: 'UTC',
      createdBy: 'URM',
      createdAt: at('2026-12-01T09:00:00Z'),
    });
    expect(next.id).toBe(populated.ended.id + 1);
    await store.releases.assign({
      releaseId: populated.release.id,
      role: 'qa_lead',
      userId: 'UNEW',
      assignedBy: 'URM',
      assignedAt: at('2026-11-23T09:00:00Z'),
    });
    expect((await store.releases.assignments(populated.release.id)).map((a) => a.userId)).toEqual([
      'URM',
      'UZED',
      'UAMY',
      'UDEV',
      'UNEW',
    ]);
    // The copy kept the claim the SQLite bot had in flight; PostgreSQL gives it back after the lease, like SQLite would.
    expect(
      (await store.timers.claimDue(at('2026-11-23T09:06:00Z'), 'replica', 5)).map((t) => [t.key, t.attempts]),
    ).toEqual([['claimed', 2]]);
  });

  test('a SQLite file that is not there is refused, and no file is made', async () => {
    const dir = createTestDatabase().dir;
    const error = await copyDatabase({ from: join(dir, 'nope.sqlite'), to: await emptyTarget() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CopyRefused);
    expect((error as Error).message).toBe(`there is no SQLite database at ${join(dir, 'nope.sqlite')}`);
    expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false);
  });

  test('a target that already has rows is refused in one line, and left as it was', async () => {
    const sqlite = createTestDatabase();
    await populate(createStore(sqlite));
    const url = await emptyTarget();
    const first = await copyDatabase({ from: sqlite.path, to: url });
    const error = await copyDatabase({ from: sqlite.path, to: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyRefused);
    expect((error as Error).message).toBe(
      'the PostgreSQL database is not empty (absences has rows): copy into a new database',
    );
    const { database } = await openTarget(url);
    const { rows } = await database.pool.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(rows[0]?.n).toBe(first.tables.find((t) => t.table === 'audit_log')?.rows);
  });

  test('npm run db:copy prints the counts; a refusal is one line and exit 1; bad arguments show the usage', async () => {
    const sqlite = createTestDatabase();
    await populate(createStore(sqlite));
    const url = await emptyTarget();

    const copied = await dbCopy('--from', sqlite.path, '--to', url);
    expect(copied.code).toBe(0);
    const [heading, ...lines] = copied.stdout.trim().split('\n');
    expect(heading).toMatch(
      /^copied 47 rows from .+ to postgres:\/\/postgres@127\.0\.0\.1:\d+\/release_bot_test_\w+:$/,
    );
    expect(lines).toHaveLength(41);
    expect(lines).toContain('  releases              2');
    expect(lines).toContain('  release_roles         4');

    const again = await dbCopy('--from', sqlite.path, '--to', url);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([
      'db:copy: nothing was copied: the PostgreSQL database is not empty (absences has rows): copy into a new database',
    ]);

    const usage = await dbCopy('--from', sqlite.path, '--to', 'mysql://db/release_bot');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run db:copy -- --from <sqlite file> --to <postgres://');
  }, 60_000);
});
