import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CHANNEL } from '../helpers/people.ts';
import { startBotProcess } from '../helpers/process.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const REFUSE_PG = `--import=${join(import.meta.dirname, '..', 'support', 'postgres', 'refuse-pg.mjs')}`;

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

test('the same guard stops a bot told to use PostgreSQL: it does load pg then', async () => {
  const { env } = await setUp();
  const bot = startBotProcess({ ...env, NODE_OPTIONS: REFUSE_PG, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  expect(await bot.exited).toBe(1);
  expect(bot.output()).toMatch(/refused to load (pg|drizzle-orm\/node-postgres):/);
}, 30_000);

test('a PostgreSQL that cannot be reached is one line and exit 1, not a stack trace', async () => {
  const { env } = await setUp();
  const bot = startBotProcess({ ...env, DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/release_bot' });
  expect(await bot.exited).toBe(1);
  const lines = bot.output().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /ERROR \[release-bot\] release-bot could not open its database postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/release_bot: .*ECONNREFUSED/,
  );
  expect(bot.output()).not.toContain('s3cret');
}, 30_000);
