import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Store } from '../../../src/deps.ts';
import type { PostgresDatabase } from '../../../src/platform/store/postgres/database.ts';
import { openPostgresStore } from '../../../src/postgres-store.ts';
import { describePostgres } from '../../support/postgres/test-database.ts';
import { storeContract } from './contract/index.ts';

/**
 * The store contract against a real PostgreSQL server: one database for this file, emptied before each test (the
 * identities restart too, as in a new database). Replicas are separate pools on it, as separate processes would be.
 */
describePostgres('PostgreSQL store contract', (postgres) => {
  let opened: { store: Store; database: PostgresDatabase };
  const replicas: PostgresDatabase[] = [];
  beforeAll(async () => {
    opened = await openPostgresStore(postgres.url());
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((replica) => replica.close()));
  });
  afterAll(async () => {
    await opened?.database.close();
  });

  storeContract({
    name: 'PostgreSQL',
    overlapping: true,
    async open() {
      const { rows } = await opened.database.pool.query<{ tables: string }>(
        `select string_agg(format('%I', tablename), ', ') as tables from pg_tables where schemaname = 'public'`,
      );
      await opened.database.pool.query(`truncate table ${rows[0]!.tables} restart identity cascade`);
      return {
        store: opened.store,
        async replica() {
          const replica = await openPostgresStore(postgres.url(), { migrate: false });
          replicas.push(replica.database);
          return replica.store;
        },
      };
    },
  });
});
