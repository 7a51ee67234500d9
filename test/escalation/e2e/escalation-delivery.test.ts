import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

/**
 * Issue 12: "A failed escalation post is not retried for a whole acknowledgement period". The real bot against the
 * fake Slack: Slack answers `internal_error` (or refuses) on the management channel's post.
 */

const MGMT = 'C0MGMT';
const MINUTE = 60_000;

async function configureManagement(t: TestBot) {
  const two = await t.command(
    CAST.rm.id,
    `escalation level:2 channel:<#${MGMT}|eng-managers> ping:<!subteam^S0MGRS|@managers>`,
  );
  expect(two.visible).toContain('now posts in <#C0MGMT>');
}

const escalationPosts = (t: TestBot, channelId: string) =>
  t.fake.messages(channelId).filter((m) => m.text.includes('Escalation #') && !m.text.includes('could not reach'));
const unreachableNotices = (t: TestBot) => t.fake.messages(CHANNEL).filter((m) => m.text.includes('could not reach'));

/** Runs the timers at `ms` from now on the bot's clock, as the 5 s tick would. */
async function after(t: TestBot, ms: number) {
  t.clock.advance(ms);
  await t.tick();
  await t.bot.idle(5000);
}

test('one internal_error on the management post is retried at once: posted once, no "invite me", nothing left waiting', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureManagement(t);
  t.fake.failNext('chat.postMessage', 'internal_error', { channel: MGMT });
  const raised = await t.command(CAST.qa.id, 'escalate level:2 The payment provider is down');
  expect(raised.visible).toContain('*Level 2 (Management)*');
  expect(raised.visible).not.toContain('invite');
  expect(raised.visible).not.toContain('could not');
  expect(escalationPosts(t, MGMT)).toHaveLength(1);
  expect(
    t.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.params.channel === MGMT)
      .map((c) => c.error ?? 'ok'),
  ).toEqual(['internal_error', 'ok']);
  // Nothing else is pending but the next step: the delivery's back-up timer was cancelled once the post landed.
  expect((await t.bot.store.timers.pending()).map((timer) => timer.kind)).toEqual(['escalation.step']);
  await after(t, 20 * 1000);
  expect(escalationPosts(t, MGMT)).toHaveLength(1);
  expect(unreachableNotices(t)).toHaveLength(0);
});

test('a management post that fails on every try of the request is posted by the delivery timer seconds later, once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureManagement(t);
  for (let i = 0; i < 3; i += 1) t.fake.failNext('chat.postMessage', 'internal_error', { channel: MGMT });
  const raised = await t.command(CAST.qa.id, 'escalate level:2 The payment provider is down');
  expect(raised.visible).toContain('did not confirm the post in <#C0MGMT> (internal_error)');
  expect(raised.visible).not.toContain('/invite');
  expect(escalationPosts(t, MGMT)).toHaveLength(0);
  await after(t, 5 * 1000);
  expect(escalationPosts(t, MGMT)).toHaveLength(1);
  await after(t, 60 * 1000);
  expect(escalationPosts(t, MGMT)).toHaveLength(1);
  expect(unreachableNotices(t)).toHaveLength(0);
});

test('Slack failing the post for a minute: the release channel is told the level was not reached, once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureManagement(t);
  await t.command(CAST.qa.id, 'escalate The build farm is slow');
  for (let i = 0; i < 15; i += 1) t.fake.failNext('chat.postMessage', 'internal_error', { channel: MGMT });
  t.clock.advance(31 * MINUTE);
  await t.tick();
  for (const wait of [5_000, 10_000, 20_000, 30_000]) await after(t, wait);
  const notices = unreachableNotices(t);
  expect(notices).toHaveLength(1);
  const text = JSON.stringify(notices[0]?.blocks);
  expect(text).toContain('Level 2 (Management)');
  expect(text).toContain('<#C0MGMT>');
  expect(text).toContain('internal_error');
  expect(text).not.toContain('/invite');
  expect(escalationPosts(t, MGMT)).toHaveLength(0);
  await after(t, 5 * MINUTE);
  expect(unreachableNotices(t)).toHaveLength(1);
});

test('the bot removed from the management channel: not_in_channel is given up at once, and "invite me" is said there and only there', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureManagement(t);
  t.fake.removeFromChannel(MGMT, t.fake.botUserId);
  const raised = await t.command(CAST.qa.id, 'escalate level:2 The payment provider is down');
  expect(raised.visible).toContain('I am not in <#C0MGMT>');
  expect(raised.visible).toContain('/invite @release-bot');
  await after(t, 5 * 1000);
  const notices = unreachableNotices(t);
  expect(notices).toHaveLength(1);
  expect(JSON.stringify(notices[0]?.blocks)).toContain('/invite @release-bot');
  // Refused means refused: no retry hammers the channel.
  const tries = t.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === MGMT);
  expect(tries.map((c) => c.error)).toEqual(['not_in_channel', 'not_in_channel']);
  await after(t, 60 * 1000);
  expect(t.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === MGMT)).toHaveLength(2);
});
