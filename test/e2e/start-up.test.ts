/**
 * Issue 12, the start-up cases, each in a spawned process started as `npm start` starts it: a database path that
 * cannot be used, Slack unreachable while starting, and a token Slack refuses.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CHANNEL } from '../helpers/people.ts';
import { startBotProcess } from '../helpers/process.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const BASE_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  PORT: '0',
  LOG_LEVEL: 'info',
};

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-startup-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Whether this machine lets the test mount file systems (root in a namespace that allows it). */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MOUNTS = canMount();
/** Why the read-only cases may be skipped: a real read-only file system needs root and the right to mount one. */
const NEEDS_MOUNT = '(needs root and mount(8) to make a real read-only file system; skipped otherwise)';

function mount(args: string[]) {
  execFileSync('mount', args, { stdio: 'ignore' });
}

/** Seconds until the process exits. */
async function timedExit(bot: ReturnType<typeof startBotProcess>): Promise<number> {
  const started = performance.now();
  await bot.exited;
  return (performance.now() - started) / 1000;
}

async function expectRefusal(databasePath: string, reason: RegExp) {
  // Loading the code takes seconds on a busy machine; a process refusing its configuration, started at the same
  // time, is the yardstick: the refusal must come no more than 3 s after that one, so it never waits or hangs.
  const yardstick = startBotProcess({});
  const bot = startBotProcess({ ...BASE_ENV, DATABASE_PATH: databasePath });
  onTestFinished(() => {
    bot.child.kill('SIGKILL');
    yardstick.child.kill('SIGKILL');
  });
  const [seconds, baseline] = await Promise.all([timedExit(bot), timedExit(yardstick)]);
  const code = await bot.exited;
  const lines = bot
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '');
  expect(code, bot.output()).toBe(2);
  expect(seconds).toBeLessThan(baseline + 3);
  expect(lines, bot.output()).toHaveLength(1);
  expect(lines[0]).toContain('DATABASE_PATH');
  expect(lines[0]).toContain(databasePath);
  expect(lines[0]).toMatch(reason);
  expect(bot.output()).not.toMatch(/\n\s+at /);
}

describe('a DATABASE_PATH that cannot be used: exit 2 within seconds, one line naming it and why', () => {
  test('a folder that cannot be created', async () => {
    await expectRefusal('/proc/1/no-such-folder/bot.sqlite', /cannot be created/);
  }, 30_000);

  test('a part of the path is a file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'plain-file'), 'x');
    await expectRefusal(join(dir, 'plain-file', 'bot.sqlite'), /a part of the path \(.*plain-file\) is a file/);
  }, 30_000);

  test('the path is a directory', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'bot.sqlite'));
    await expectRefusal(join(dir, 'bot.sqlite'), /is a directory/);
  }, 30_000);

  test('the file is not a SQLite database', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'bot.sqlite'), 'these are my notes, not a database\n'.repeat(200));
    await expectRefusal(join(dir, 'bot.sqlite'), /is not a SQLite database/);
  }, 30_000);

  test.skipIf(!MOUNTS)(
    `a read-only file system, new file in a new folder ${NEEDS_MOUNT}`,
    async () => {
      const dir = scratch();
      mount(['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir]);
      onTestFinished(() => void execFileSync('umount', [dir]));
      await expectRefusal(join(dir, 'data', 'bot.sqlite'), /read-only file system/);
    },
    20_000,
  );

  test.skipIf(!MOUNTS)(
    `a read-only file system, new file in an existing folder ${NEEDS_MOUNT}`,
    async () => {
      const dir = scratch();
      mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
      mkdirSync(join(dir, 'data'));
      mount(['-o', 'remount,ro', dir]);
      onTestFinished(() => void execFileSync('umount', [dir]));
      await expectRefusal(join(dir, 'data', 'bot.sqlite'), /read-only file system/);
    },
    20_000,
  );

  test.skipIf(!MOUNTS)(
    `a read-only bind mount over an existing database ${NEEDS_MOUNT}`,
    async () => {
      const dir = scratch();
      const source = join(dir, 'source');
      const target = join(dir, 'target');
      mkdirSync(source);
      mkdirSync(target);
      // A real, migrated database, made by a bot that then stopped.
      const setup = startBotProcess({ ...BASE_ENV, DATABASE_PATH: join(source, 'bot.sqlite') });
      await setup.waitForOutput(/waiting for Slack/);
      setup.child.kill('SIGKILL');
      await setup.exited;
      mount(['--bind', source, target]);
      onTestFinished(() => void execFileSync('umount', [target]));
      mount(['-o', 'remount,bind,ro', target]);
      await expectRefusal(join(target, 'bot.sqlite'), /read-only/);
    },
    30_000,
  );
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('with Slack unreachable, the bot says what it waits for and /healthz answers 503 "starting"', async () => {
  const dir = scratch();
  const closed = await freePort();
  const bot = startBotProcess({
    ...BASE_ENV,
    SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
    DATABASE_PATH: join(dir, 'bot.sqlite'),
  });
  onTestFinished(() => void bot.child.kill('SIGKILL'));
  const [line, port] = await bot.waitForOutput(/listening on port (\d+).*waiting for Slack's Web API[^\n]*/, 15_000);
  expect(line).toContain(`127.0.0.1:${closed}`);
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ status: 'starting', waitingFor: expect.stringContaining('auth.test') });
  const event = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
  expect(event.status).toBe(503);
}, 30_000);

test('a token Slack refuses stops the bot with one line naming it, and exit code 2', async () => {
  const dir = scratch();
  const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
  onTestFinished(() => fake.close());
  const bot = startBotProcess({
    ...BASE_ENV,
    SLACK_BOT_TOKEN: 'xoxb-revoked-long-ago',
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: join(dir, 'bot.sqlite'),
  });
  onTestFinished(() => void bot.child.kill('SIGKILL'));
  expect(await bot.exited, bot.output()).toBe(2);
  const last = bot.output().trim().split('\n').at(-1) ?? '';
  expect(last).toContain('release-bot cannot start: Slack refused SLACK_BOT_TOKEN (invalid_auth)');
  expect(bot.output()).not.toMatch(/\n\s+at /);
  expect(fake.calls.map((c) => c.method)).toContain('auth.test');
}, 30_000);
