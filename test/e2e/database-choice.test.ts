import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CHANNEL } from '../helpers/people.ts';
import { startBotProcess } from '../helpers/process.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const REFUSE_PG = `--import=${join(ROOT, 'test', 'support', 'postgres', 'refuse-pg.mjs')}`;
const run = promisify(execFile);

async function setUp() {
  const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-choice-'));
  onTestFinished(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: join(dir, 'bot.sqlite'),
  };
  return { env };
}

test('npm start without DATABASE_URL runs on SQLite and never loads pg', async () => {
  const { env } = await setUp();
  const bot = startBotProcess({ ...env, NODE_OPTIONS: REFUSE_PG });
  onTestFinished(() => void bot.child.kill('SIGKILL'));
  const [, port] = await bot.waitForOutput(/HTTP on port (\d+)/);
  expect(bot.output()).toContain(`database ${env.DATABASE_PATH}`);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect([health.status, await health.json()]).toEqual([200, { status: 'ready', database: 'migrated' }]);
  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
}, 30_000);

test('the guard does bite: under it, the PostgreSQL composition root cannot load', async () => {
  const entry = "await import('./src/postgres-store.ts')";
  const loaded = await run(process.execPath, [REFUSE_PG, '--import', 'tsx', '--input-type=module', '-e', entry], {
    cwd: ROOT,
  }).then(
    () => 'loaded',
    (error: { stderr: string }) => error.stderr,
  );
  expect(loaded).toMatch(/refused to load (pg|drizzle-orm\/node-postgres): this bot runs on SQLite/);
}, 30_000);

test('a PostgreSQL that cannot be reached is one line and exit 1, not a stack trace', async () => {
  const { env } = await setUp();
  const bot = startBotProcess({ ...env, DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/release_bot' });
  expect(await bot.exited).toBe(1);
  const lines = bot.output().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /ERROR \[release-bot\] release-bot could not start: .*ECONNREFUSED.* \(database postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/release_bot\)$/,
  );
  expect(bot.output()).not.toContain('s3cret');
}, 30_000);
