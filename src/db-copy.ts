import { parseArgs } from 'node:util';
import { describeDatabase } from './config.ts';
import { CopyRefused, copyDatabase, formatCopyResult } from './platform/store/copy-database.ts';

const DB_COPY_USAGE = 'usage: npm run db:copy -- --from <sqlite file> --to <postgres://… URL of an empty database>';

/**
 * `npm run db:copy`: moves a SQLite database into PostgreSQL, for a team going from one process to several replicas.
 * Stop the bot first; start it again with DATABASE_URL set once the copy has printed its counts.
 */
async function main(): Promise<number> {
  let from: string | undefined;
  let to: string | undefined;
  try {
    ({
      values: { from, to },
    } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`db:copy: ${error instanceof Error ? error.message : String(error)}\n${DB_COPY_USAGE}`);
    return 2;
  }
  if (!from || !to) {
    console.error(DB_COPY_USAGE);
    return 2;
  }
  if (!/^postgres(ql)?:\/\/./.test(to) || !URL.canParse(to)) {
    console.error(
      `db:copy: --to must be a PostgreSQL URL such as postgres://user:password@host:5432/release_bot\n${DB_COPY_USAGE}`,
    );
    return 2;
  }
  const target = describeDatabase({ databasePath: '', databaseUrl: to });
  try {
    const result = await copyDatabase({ from, to });
    console.log(formatCopyResult(result, from, target));
    return 0;
  } catch (error) {
    const reason =
      error instanceof CopyRefused ? error.message : `${error instanceof Error ? error.message : String(error)}`;
    console.error(`db:copy: nothing was copied: ${reason}`);
    return 1;
  }
}

process.exitCode = await main();
