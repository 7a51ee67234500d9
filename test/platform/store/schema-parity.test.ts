import { is } from 'drizzle-orm';
import { PgDialect, PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { expect, test } from 'vitest';
import * as apiPg from '../../../src/api/store/postgres/schema.ts';
import * as api from '../../../src/api/store/schema.ts';
import * as cadencePg from '../../../src/cadence/store/postgres/schema.ts';
import * as cadence from '../../../src/cadence/store/schema.ts';
import * as escalationPg from '../../../src/escalation/store/postgres/schema.ts';
import * as escalation from '../../../src/escalation/store/schema.ts';
import * as githubPg from '../../../src/github/store/postgres/schema.ts';
import * as github from '../../../src/github/store/schema.ts';
import * as governancePg from '../../../src/governance/store/postgres/schema.ts';
import * as governance from '../../../src/governance/store/schema.ts';
import * as platformPg from '../../../src/platform/store/postgres/schema.ts';
import * as platform from '../../../src/platform/store/schema.ts';
import * as pollsPg from '../../../src/polls/store/postgres/schema.ts';
import * as polls from '../../../src/polls/store/schema.ts';
import * as releasesPg from '../../../src/releases/store/postgres/schema.ts';
import * as releases from '../../../src/releases/store/schema.ts';

/** The one column PostgreSQL spells out that SQLite keeps hidden (see `releases/store/postgres/schema.ts`). */
const POSTGRES_ONLY = new Set(['release_roles.rowid']);

type Shape = {
  columns: Array<{ name: string; notNull: boolean; primary: boolean; default: unknown }>;
  primaryKey: string[];
  indexes: Array<{ name: string; unique: boolean; columns: string[]; where: string | undefined }>;
  foreignKeys: Array<{ columns: string[]; references: string; onDelete: string | undefined }>;
};

function where(dialect: PgDialect | SQLiteSyncDialect, clause: unknown): string | undefined {
  if (!clause) return undefined;
  return dialect.sqlToQuery(clause as Parameters<typeof dialect.sqlToQuery>[0]).sql;
}

function shapes(modules: object[], kind: 'sqlite' | 'pg'): Map<string, Shape> {
  const result = new Map<string, Shape>();
  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (kind === 'sqlite' ? !is(value, SQLiteTable) : !is(value, PgTable)) continue;
      const config = kind === 'sqlite' ? sqliteConfig(value as SQLiteTable) : pgConfig(value as PgTable);
      const dialect = kind === 'sqlite' ? new SQLiteSyncDialect() : new PgDialect();
      const names = (columns: Array<{ name: string }>) => columns.map((c) => c.name);
      result.set(config.name, {
        columns: config.columns
          .filter((c) => !POSTGRES_ONLY.has(`${config.name}.${c.name}`))
          .map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary, default: c.default })),
        primaryKey: config.primaryKeys.flatMap((pk) => names(pk.columns)),
        indexes: config.indexes
          .map((i) => ({
            name: i.config.name ?? '',
            unique: i.config.unique,
            columns: (i.config.columns as Array<{ name: string }>).map((c) => c.name),
            where: where(dialect, i.config.where),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: config.foreignKeys.map((fk) => {
          const reference = fk.reference();
          return {
            columns: names(reference.columns),
            references: `${(kind === 'sqlite' ? sqliteConfig(reference.foreignTable as SQLiteTable) : pgConfig(reference.foreignTable as PgTable)).name}(${names(reference.foreignColumns).join(', ')})`,
            // drizzle leaves SQLite's default unsaid and says PostgreSQL's: both are NO ACTION.
            onDelete: fk.onDelete ?? 'no action',
          };
        }),
      });
    }
  }
  return result;
}

test('the PostgreSQL schema has the SQLite schema’s tables, columns, keys, indexes and foreign keys', () => {
  const sqlite = shapes([releases, platform, polls, cadence, escalation, governance, api, github], 'sqlite');
  const postgres = shapes(
    [releasesPg, platformPg, pollsPg, cadencePg, escalationPg, governancePg, apiPg, githubPg],
    'pg',
  );
  expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
  expect(sqlite.size).toBe(41);
  for (const [table, shape] of sqlite) expect(postgres.get(table), table).toEqual(shape);
});
