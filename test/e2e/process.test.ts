import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { startBotProcess } from '../helpers/process.ts';
import { createSlackDriver } from '../support/fake-slack/driver.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

test('npm start with no configuration explains what is missing and exits 2, without a stack trace', async () => {
  const bot = startBotProcess({});
  expect(await bot.exited).toBe(2);
  expect(bot.output()).toContain('SLACK_BOT_TOKEN is missing');
  expect(bot.output()).toContain('SLACK_SIGNING_SECRET is missing');
  expect(bot.output()).not.toMatch(/\n\s+at /);
}, 20_000);

/** A fake Slack and a scratch folder for the test, gone when it ends, and the environment a bot process needs for them. */
async function botWorld(databaseFile: string) {
  const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-process-'));
  onTestFinished(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: join(dir, databaseFile),
    LOG_LEVEL: 'info',
  };
  return { fake, env };
}

test('the real process answers a signed command, stops cleanly on SIGTERM, and a restart keeps everything', async () => {
  const { fake, env } = await botWorld(join('nested', 'bot.sqlite'));
  const send = async (port: string, userId: string, text: string) => {
    const driver = createSlackDriver({
      fake,
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
    });
    const started = performance.now();
    const sent = await driver.command({ userId, channelId: CHANNEL, text });
    const ackMs = performance.now() - started;
    const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
      timeoutMs: 5000,
    });
    return { status: sent.status, ackMs, body: JSON.stringify(post.body) };
  };

  const first = startBotProcess(env);
  onTestFinished(() => void first.child.kill('SIGKILL'));
  const [, port1] = await first.waitForOutput(/HTTP on port (\d+)/);
  const created = await send(port1 as string, CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  expect(created.status).toBe(200);
  expect(created.ackMs).toBeLessThan(3000);
  expect(created.body).toContain('created release *2.4.0*');
  await send(port1 as string, CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(first.output()).toContain('SIGTERM received');

  const second = startBotProcess(env);
  onTestFinished(() => void second.child.kill('SIGKILL'));
  const [, port2] = await second.waitForOutput(/HTTP on port (\d+)/);
  const status = await send(port2 as string, CAST.qa.id, 'status');
  expect(status.body).toContain('Release 2.4.0');
  expect(status.body).toContain('*Release Manager*: <@URM>');
  second.child.kill('SIGINT');
  expect(await second.exited).toBe(0);
}, 60_000);

/** CPU time the process has used, in ms (Linux: utime + stime from /proc). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

test('a process whose log reader went away keeps serving, quietly, instead of spinning on failed writes', async () => {
  const { fake, env } = await botWorld('bot.sqlite');
  const bot = startBotProcess(env);
  onTestFinished(() => void bot.child.kill('SIGKILL'));
  const [, port] = await bot.waitForOutput(/HTTP on port (\d+)/);
  const pid = bot.child.pid as number;
  // The reader of its stderr and stdout goes away, as when a log collector dies.
  bot.child.stderr?.destroy();
  bot.child.stdout?.destroy();
  // Requests it refuses, each of which it logs.
  for (let i = 0; i < 3; i += 1) {
    const refused = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-signature': 'v0=bad', 'x-slack-request-timestamp': '1' },
      body: '{}',
      // One spinning on its failed log writes never answers at all.
      signal: AbortSignal.timeout(5000),
    });
    expect(refused.status).toBe(401);
  }
  const from = cpuMsOf(pid);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // An idle bot uses a few ms a second; one spinning on its failed log writes used all of a core.
  expect(cpuMsOf(pid) - from).toBeLessThan(300);
  expect((await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
  const driver = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  const sent = await driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create 2.5.0 target:2026-12-10' });
  expect(sent.status).toBe(200);
  const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
    timeoutMs: 5000,
  });
  expect(JSON.stringify(post.body)).toContain('created release *2.5.0*');
}, 60_000);
