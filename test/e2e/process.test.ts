import { mkdtempSync, rmSync } from 'node:fs';
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

test('the real process answers a signed command, stops cleanly on SIGTERM, and a restart keeps everything', async () => {
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
    DATABASE_PATH: join(dir, 'nested', 'bot.sqlite'),
    LOG_LEVEL: 'info',
  };
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
