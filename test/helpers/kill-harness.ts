import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { createSlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { FAKE_USERS, SIGNING_SECRET } from './e2e.ts';
import { CAST, CHANNEL } from './people.ts';
import { type Replica, sharedClock, viewSqlite } from './replicas.ts';

/**
 * The harness of the kill -9 tests: a fake Slack with the release, management and executive channels, a folder for
 * one SQLite file that successive real bot processes share, and the clock they all read.
 */
export const MGMT = 'C0MGMT';
export const EXEC = 'C0EXEC';
export const MINUTE = 60_000;

export async function setupKillHarness() {
  const fake = await startFakeSlack({
    users: FAKE_USERS,
    channels: [
      { id: CHANNEL, name: 'release' },
      { id: MGMT, name: 'eng-managers' },
      { id: EXEC, name: 'executives' },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-kill-'));
  onTestFinished(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const clock = sharedClock(dir, '2026-11-23T09:00:00Z');
  const env = { DATABASE_PATH: join(dir, 'bot.sqlite') };
  return { fake, clock, env, view: () => viewSqlite(env.DATABASE_PATH) };
}

/** `/release <text>` to one process, answered through the response URL. */
export async function command(fake: FakeSlack, replica: Replica, userId: string, text: string): Promise<string> {
  const driver = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${replica.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  const sent = await driver.command({ userId, channelId: CHANNEL, text });
  const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
    timeoutMs: 15_000,
  });
  return JSON.stringify(post.body);
}

export async function staffRelease(fake: FakeSlack, replica: Replica) {
  expect(
    await command(fake, replica, CAST.rm.id, 'create 2.4.0 target:2026-12-10 window:2026-12-01..2026-12-12'),
  ).toContain('created release');
  for (const [role, who] of [
    ['rm', CAST.rm.id],
    ['tech-lead', CAST.tech.id],
    ['qa', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['po', CAST.po.id],
  ] as const) {
    await command(fake, replica, CAST.rm.id, `role ${role} <@${who}>`);
  }
}

export const escalationPosts = (fake: FakeSlack, channelId: string) =>
  fake.messages(channelId).filter((m) => m.text.includes('Escalation #'));
export const isPostTo = (channel: string, text: RegExp) => (call: { method: string; params: URLSearchParams }) =>
  call.method === 'chat.postMessage' &&
  call.params.get('channel') === channel &&
  text.test(call.params.get('text') ?? '');
