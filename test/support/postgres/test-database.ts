import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import { findPostgresBin, NO_POSTGRES, type PostgresServer, startCluster } from './cluster.ts';

/**
 * Where this file's PostgreSQL comes from: the run's cluster (the global setup), `TEST_DATABASE_URL`, or, for a file
 * run without `test/vitest.config.ts`, a cluster of its own. Decided when the file is collected, so that a missing
 * PostgreSQL is a failing test with a reason rather than a suite that quietly did nothing.
 */
function locate(): { url: string } | { bin: string } | { unavailable: string } {
  const provided = inject('postgres');
  if (provided) return provided;
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  const bin = findPostgresBin();
  return bin ? { bin } : { unavailable: NO_POSTGRES };
}

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server, named at random so that test files can run side by side. */
export async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `release_bot_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(
        () => undefined,
      ),
  };
}

export type PostgresForTests = {
  /** This file's own database (created before its tests, dropped after). */
  url: () => string;
  /** The server, for tests that create more databases of their own. */
  serverUrl: () => string;
};

/**
 * A `describe` whose tests run against a real PostgreSQL server, in a database of this file's own. Without
 * PostgreSQL it holds one failing test that says how to get one.
 */
export function describePostgres(title: string, body: (postgres: PostgresForTests) => void): void {
  const where = locate();
  if ('unavailable' in where) {
    describe(title, () => {
      test('needs a PostgreSQL server', () => {
        throw new Error(where.unavailable);
      });
    });
    return;
  }
  describe(title, () => {
    let server: PostgresServer | undefined;
    let serverUrl = '';
    let database: { url: string; drop: () => Promise<void> } | undefined;
    beforeAll(async () => {
      if ('bin' in where) server = await startCluster(where.bin);
      serverUrl = 'url' in where ? where.url : (server?.url ?? '');
      database = await createDatabase(serverUrl);
    }, 120_000);
    afterAll(async () => {
      await database?.drop();
      await server?.stop();
    }, 60_000);
    body({
      url: () => {
        if (!database) throw new Error('the test database is not created yet: use it inside a test or hook');
        return database.url;
      },
      serverUrl: () => serverUrl,
    });
  });
}
