import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { openDatabase } from './database.ts';
import { openPostgresDatabase } from './postgres/database.ts';

/** A reason the copy will not start (or did not finish), said in one line. */
export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

export type CopyResult = { tables: Array<{ table: string; rows: number }>; total: number };

type PgColumn = { name: string; type: string; identity: boolean };

/** Enough rows per INSERT to be quick, few enough to stay well under PostgreSQL's 65,535 parameters. */
const MAX_PARAMETERS = 30_000;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

function sqliteTables(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like '\\_\\_drizzle%' escape '\\' order by name",
      )
      .all() as Array<{ name: string }>
  ).map((row) => row.name);
}

/** Parents before children, from SQLite's own foreign keys; alphabetical among equals, so every run is the same. */
function foreignKeyOrder(sqlite: Database.Database, tables: string[]): string[] {
  const parents = new Map(
    tables.map((table) => [
      table,
      new Set(
        (sqlite.pragma(`foreign_key_list(${quote(table)})`) as Array<{ table: string }>)
          .map((fk) => fk.table)
          .filter((parent) => parent !== table),
      ),
    ]),
  );
  const ordered: string[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.find(
      (t) => !ordered.includes(t) && [...(parents.get(t) ?? [])].every((p) => ordered.includes(p)),
    );
    if (!ready)
      throw new CopyRefused('the SQLite tables reference each other in a cycle; there is no order to copy them in');
    ordered.push(ready);
  }
  return ordered;
}

async function postgresColumns(client: pg.PoolClient): Promise<Map<string, PgColumn[]>> {
  const { rows } = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_identity: string;
  }>(
    `select table_name, column_name, data_type, is_identity
       from information_schema.columns
      where table_schema = current_schema()
        and table_name in (select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE')
      order by table_name, ordinal_position`,
  );
  const tables = new Map<string, PgColumn[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, type: row.data_type, identity: row.is_identity === 'YES' });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/**
 * What to read from SQLite for each PostgreSQL column. The tables are the same on both sides, but PostgreSQL spells
 * out one thing SQLite keeps hidden: `release_roles.rowid`, read from SQLite's own rowid.
 */
function sourceColumns(sqlite: Database.Database, table: string, columns: PgColumn[]): string[] {
  const inSqlite = new Set(
    (sqlite.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => c.name),
  );
  const missing = columns.filter((c) => !inSqlite.has(c.name) && c.name !== 'rowid').map((c) => c.name);
  const extra = [...inSqlite].filter((name) => !columns.some((c) => c.name === name));
  if (missing.length > 0 || extra.length > 0) {
    const differences = [...missing.map((c) => `${c} only in PostgreSQL`), ...extra.map((c) => `${c} only in SQLite`)];
    throw new CopyRefused(
      `table ${table} differs between the databases (${differences.join(', ')}): are both migrated by the same version?`,
    );
  }
  return columns.map((c) => (inSqlite.has(c.name) ? quote(c.name) : 'rowid'));
}

/** SQLite keeps instants as milliseconds since the epoch; PostgreSQL's `timestamptz` takes them as ISO strings. */
function toPostgres(value: unknown, column: PgColumn): unknown {
  if (typeof value === 'number' && column.type === 'timestamp with time zone') return new Date(value).toISOString();
  return value;
}

/**
 * Copies every table of the SQLite database at `from` into the PostgreSQL database at `to`, in foreign-key order, in
 * one PostgreSQL transaction: all of it lands or none. Both are migrated first. The target must be empty (its tables
 * are locked while it is checked and filled, so a bot that started on it meanwhile cannot slip rows in). The identity
 * sequences are moved past the copied ids, so the next row PostgreSQL numbers does not collide with a copied one.
 */
export async function copyDatabase({ from, to }: { from: string; to: string }): Promise<CopyResult> {
  if (from !== ':memory:' && !existsSync(from)) throw new CopyRefused(`there is no SQLite database at ${from}`);
  const source = openDatabase(from);
  let target: Awaited<ReturnType<typeof openPostgresDatabase>> | undefined;
  try {
    target = await openPostgresDatabase(to);
    const client = await target.pool.connect();
    try {
      // READ COMMITTED: the emptiness check must see every row committed before the tables were locked.
      await client.query('begin');
      try {
        const result = await copyTables(source.sqlite, client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await target?.close();
  }
}

async function copyTables(sqlite: Database.Database, client: pg.PoolClient): Promise<CopyResult> {
  const tables = sqliteTables(sqlite);
  const columns = await postgresColumns(client);
  const notInPostgres = tables.filter((t) => !columns.has(t));
  const notInSqlite = [...columns.keys()].filter((t) => !tables.includes(t));
  if (notInPostgres.length > 0 || notInSqlite.length > 0) {
    const differences = [
      ...notInPostgres.map((t) => `${t} only in SQLite`),
      ...notInSqlite.map((t) => `${t} only in PostgreSQL`),
    ];
    throw new CopyRefused(
      `the databases have different tables (${differences.join(', ')}): are both migrated by the same version?`,
    );
  }
  await client.query(`lock table ${tables.map(quote).join(', ')} in exclusive mode`);
  for (const table of tables) {
    const { rows } = await client.query(`select 1 from ${quote(table)} limit 1`);
    if (rows.length > 0)
      throw new CopyRefused(`the PostgreSQL database is not empty (${table} has rows): copy into a new database`);
  }

  const copied: CopyResult['tables'] = [];
  // One read transaction on SQLite, so that every table is read as of the same moment.
  sqlite.exec('begin');
  try {
    for (const table of foreignKeyOrder(sqlite, tables)) {
      const target = columns.get(table) ?? [];
      const select = sourceColumns(sqlite, table, target);
      const rows = sqlite
        .prepare(`select ${select.join(', ')} from ${quote(table)} order by rowid`)
        .raw()
        .all() as unknown[][];
      const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / target.length));
      for (let start = 0; start < rows.length; start += perInsert) {
        const batch = rows.slice(start, start + perInsert);
        const params: unknown[] = [];
        const tuples = batch.map((row) => {
          const placeholders = row.map((value, i) => {
            params.push(toPostgres(value, target[i]!));
            return `$${params.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await client.query(
          `insert into ${quote(table)} (${target.map((c) => quote(c.name)).join(', ')}) values ${tuples.join(', ')}`,
          params,
        );
      }
      for (const column of target.filter((c) => c.identity)) {
        await client.query(
          `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column.name)}) from ${quote(table)}), 0) + 1, false)`,
          [quote(table), column.name],
        );
      }
      copied.push({ table, rows: rows.length });
    }
  } finally {
    sqlite.exec('rollback');
  }
  return { tables: copied, total: copied.reduce((sum, t) => sum + t.rows, 0) };
}

/** The report `npm run db:copy` prints. */
export function formatCopyResult(result: CopyResult, from: string, to: string): string {
  const width = Math.max(...result.tables.map((t) => t.table.length));
  return [
    `copied ${result.total} rows from ${from} to ${to}:`,
    ...result.tables.map((t) => `  ${t.table.padEnd(width)}  ${t.rows}`),
  ].join('\n');
}
