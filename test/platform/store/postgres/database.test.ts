import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, onTestFinished, test } from 'vitest';
import {
  MAX_TRANSACTION_ATTEMPTS,
  openPostgresDatabase,
  POSTGRES_MIGRATIONS_FOLDER,
  type PostgresDatabase,
  type PostgresOptions,
} from '../../../../src/platform/store/postgres/database.ts';
import { createPostgresStore } from '../../../../src/postgres-store.ts';
import { createDatabase, describePostgres } from '../../../support/postgres/test-database.ts';
import { at, rendezvous } from '../contract/harness.ts';

/** Raises a real error with the given SQLSTATE on the server, as a conflict or a constraint would. */
const raise = (database: PostgresDatabase, code: string) =>
  database.db().execute(sql.raw(`do $$ begin raise exception 'raised by the test' using errcode = '${code}'; end $$`));

describePostgres('PostgreSQL database: migrations, transactions, health', (postgres) => {
  async function open(url = postgres.url(), options: PostgresOptions = {}) {
    const database = await openPostgresDatabase(url, options);
    onTestFinished(() => database.close());
    return database;
  }

  test('replicas starting together on a new database migrate it once', async () => {
    const fresh = await createDatabase(postgres.serverUrl());
    onTestFinished(() => fresh.drop());
    const replicas = await Promise.all([1, 2, 3, 4].map(() => open(fresh.url)));
    const journal = JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
    const { rows } = await replicas[0]!.pool.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(rows[0]?.n).toBe(journal.entries.length);
    const tables = await replicas[3]!.pool.query("select 1 from pg_tables where schemaname = 'public'");
    expect(tables.rowCount).toBe(41);
  });

  test('a serialization failure runs the function again; one that never clears gives up after the last attempt', async () => {
    const database = await open();
    let runs = 0;
    expect(
      await database.transaction(async () => {
        runs += 1;
        if (runs === 1) await raise(database, '40001');
        return 'second time lucky';
      }),
    ).toBe('second time lucky');
    expect(runs).toBe(2);

    runs = 0;
    await expect(
      database.transaction(async () => {
        runs += 1;
        await raise(database, '40001');
      }),
    ).rejects.toThrow();
    expect(runs).toBe(MAX_TRANSACTION_ATTEMPTS);

    runs = 0;
    await expect(
      database.transaction(async () => {
        runs += 1;
        await raise(database, '23505');
      }),
    ).rejects.toThrow();
    expect(runs).toBe(1);
  });

  test('two transactions that lock the same rows in opposite orders deadlock, and both still land', async () => {
    const database = await open();
    const store = createPostgresStore(database);
    for (const key of ['a', 'b']) {
      await store.timers.schedule({ kind: 'k', key, releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
    }
    const [a, b] = await store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'p', 2);
    const meet = rendezvous(2, 5_000);
    let runs = 0;
    const inOrder = (first: number, second: number) =>
      database.claiming(async () => {
        runs += 1;
        await store.timers.complete(first);
        await meet();
        await store.timers.complete(second);
      });
    await Promise.all([inOrder(a!.id, b!.id), inOrder(b!.id, a!.id)]);
    expect(runs).toBe(3);
    expect(await store.timers.claimDue(at('2026-11-24T10:00:00Z'), 'p', 5)).toEqual([]);
  }, 20_000);

  test('a store call left running after its transaction ended is refused, not sent down a pooled connection', async () => {
    const database = await open();
    const store = createPostgresStore(database);
    let straggler: Promise<unknown> | undefined;
    await database.transaction(async () => {
      straggler = new Promise((resolve) => setTimeout(resolve, 50)).then(() => store.releases.findById(1));
      straggler.catch(() => undefined);
    });
    await expect(straggler).rejects.toThrow('a store call outlived its transaction');
    expect(await store.releases.findById(1)).toBeUndefined();
  });

  test('an idle connection the server drops is reported, replaced, and the store goes on working', async () => {
    const lost: Error[] = [];
    const database = await open(postgres.url(), { onIdleError: (error) => lost.push(error) });
    const store = createPostgresStore(database);
    await Promise.all([store.releases.findById(1), store.releases.findById(2)]);
    const killer = await open(postgres.url(), { migrate: false });
    await killer.pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'release-bot' and datname = current_database() and pid <> pg_backend_pid()",
    );
    await expect.poll(() => lost.length, { timeout: 5_000 }).toBeGreaterThan(0);
    // Every dropped connection leaves the pool as its error arrives; the next query opens a new one.
    await expect.poll(() => database.pool.totalCount, { timeout: 5_000 }).toBe(0);
    expect(await store.releases.findById(1)).toBeUndefined();
  });

  test('ping answers while the server does, and gives up after its timeout on a server that never answers', async () => {
    const database = await open();
    await expect(database.ping(1000)).resolves.toBeUndefined();

    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const stuck = await openPostgresDatabase(`postgres://nobody@127.0.0.1:${port}/nothing`, { migrate: false });
    onTestFinished(async () => {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await stuck.close();
    });
    const started = performance.now();
    await expect(stuck.ping(300)).rejects.toThrow('PostgreSQL did not answer within 300 ms');
    expect(performance.now() - started).toBeLessThan(2_000);

    await database.close();
    await expect(database.ping(1000)).rejects.toThrow();
  });
});
