import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { type Replica, sharedClock, startReplica, viewSqlite } from '../../helpers/replicas.ts';
import { createSlackDriver } from '../../support/fake-slack/driver.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack/fake-slack.ts';

/**
 * Issue 16: the pager survives a kill -9 between two steps. A real bot process (SQLite) is killed the moment the fake
 * Slack has taken the climb's level-2 post, before it could point the level-1 copy up; a new process on the same
 * database finishes the step: the level-1 copy points up, nothing is posted twice, nothing climbs early.
 */

const MGMT = 'C0MGMT';
const EXEC = 'C0EXEC';
const MINUTE = 60_000;

async function setup() {
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
async function command(fake: FakeSlack, replica: Replica, userId: string, text: string): Promise<string> {
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

async function staffRelease(fake: FakeSlack, replica: Replica) {
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

const escalationPosts = (fake: FakeSlack, channelId: string) =>
  fake.messages(channelId).filter((m) => m.text.includes('Escalation #'));
const isPostTo = (channel: string, text: RegExp) => (call: { method: string; params: URLSearchParams }) =>
  call.method === 'chat.postMessage' &&
  call.params.get('channel') === channel &&
  text.test(call.params.get('text') ?? '');

test('kill -9 between the climb’s post and the update of the lower copy: the next process finishes the step once', async () => {
  const { fake, clock, env, view } = await setup();
  fake.addUsergroup('S0MGRS', 'managers', [CAST.outsider.id]);
  const first = await startReplica(fake, clock, 'first', env);
  await staffRelease(fake, first);
  await command(fake, first, CAST.rm.id, `escalation level:2 channel:<#${MGMT}> ping:<!subteam^S0MGRS|@managers>`);
  await command(fake, first, CAST.rm.id, `escalation level:3 channel:<#${EXEC}> ping:<@${CAST.outsider.id}>`);
  await command(fake, first, CAST.qa.id, 'escalate The payment provider is down');
  const [level1] = escalationPosts(fake, CHANNEL);
  const killed = first.tap.killWhen(isPostTo(MGMT, /Escalation #/), first.kill);
  clock.advance(31 * MINUTE);
  await killed;
  expect(await first.exited).toBe('SIGKILL');
  expect(escalationPosts(fake, MGMT)).toHaveLength(1);
  expect(fake.message(CHANNEL, level1?.ts as string)?.text).not.toContain('escalated to');

  const second = await startReplica(fake, clock, 'second', env);
  const { settled } = view();
  for (let i = 0; i < 14; i += 1) {
    clock.advance(30_000);
    await settled(clock.now(), ['first']);
  }
  await fake.waitFor(
    () => fake.message(CHANNEL, level1?.ts as string)?.text.startsWith('Escalation #1 escalated to Level 2'),
    { timeoutMs: 10_000 },
  );
  expect(JSON.stringify(fake.message(CHANNEL, level1?.ts as string)?.blocks)).not.toContain('escalation_acknowledge');
  expect(escalationPosts(fake, MGMT)).toHaveLength(1);
  expect(escalationPosts(fake, EXEC)).toHaveLength(0);
  // The group member acknowledges on the new process: the climb stops there.
  const driver = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${second.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  await driver.clickButton({
    userId: CAST.outsider.id,
    channelId: MGMT,
    messageTs: escalationPosts(fake, MGMT)[0]?.ts as string,
    actionId: 'escalation_acknowledge',
  });
  await fake.waitFor(
    () => fake.message(MGMT, escalationPosts(fake, MGMT)[0]?.ts as string)?.text.startsWith('Acknowledged'),
    { timeoutMs: 10_000 },
  );
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 120_000);
