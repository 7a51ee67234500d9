import { expect, test } from 'vitest';
import { createStaffedRelease, OTHER_CHANNEL, startTestBot, type TestBot } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { click, matchesDatabase, openPoll, roleSection } from '../polls/e2e/poll-driver.ts';

/**
 * Issue 12, "Effects twice, or not at all": Slack that posts but fails the answer, rate limits one channel, or hangs.
 * The real bot and Web API client against the fake Slack; every message is counted where people would see it.
 */

const MGMT = 'C0MGMT';

function pollMessages(t: TestBot, channelId = CHANNEL) {
  return t.fake.messages(channelId).filter((m) => m.text.startsWith('Go/No-Go'));
}

async function settle(t: TestBot, ms = 1500) {
  await t.bot.idle(10_000);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

test('a go/no-go poll whose post lands but whose answer is an HTTP 500 is posted once, and the bot knows its ts', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  t.fake.loseNextAnswer('chat.postMessage', { as: 'http_500', channel: CHANNEL });
  const poll = await openPoll(t);
  await settle(t);
  expect(pollMessages(t)).toHaveLength(1);
  expect(t.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL && c.ok)).toHaveLength(1);
  // The bot found its message (by its metadata) instead of posting again: a vote updates that one message.
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await t.fake.waitFor(() => roleSection(t, poll, 'tech_lead').includes('Go'), { timeoutMs: 5000 });
  await t.fake.waitFor(() => matchesDatabase(t, poll), { timeoutMs: 5000 });
  expect(pollMessages(t)).toHaveLength(1);
});

test('a management ping whose connection drops after Slack posted it is posted once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const configured = await t.command(
    CAST.rm.id,
    `escalation level:2 channel:<#${MGMT}|eng-managers> ping:<!subteam^S0MGRS|@managers>`,
  );
  expect(configured.visible).toContain('now posts in <#C0MGMT>');
  t.fake.loseNextAnswer('chat.postMessage', { as: 'drop', channel: MGMT });
  const raised = await t.command(CAST.qa.id, 'escalate level:2 The payment provider is down');
  expect(raised.visible).toContain('*Level 2 (Management)*');
  await settle(t);
  expect(t.fake.messages(MGMT).filter((m) => m.text.includes('Escalation #'))).toHaveLength(1);
  expect(raised.visible).not.toContain('could not post');
  // The notice in the release channel links the one management post.
  const notice = t.fake.messages(CHANNEL).find((m) => m.text.includes('raised by'));
  expect(notice).toBeDefined();
});

test('a 429 with Retry-After on one channel delays only that channel: a vote in another is shown at once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  // A second release in another channel, whose poll post Slack rate-limits for 5 seconds.
  await t.command(CAST.rm.id, 'create 3.0.0 target:2026-12-20 window:2026-12-01..2026-12-22', OTHER_CHANNEL);
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`, OTHER_CHANNEL);
  for (const [role, who] of [
    ['tech-lead', CAST.tech.id],
    ['qa', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['po', CAST.po.id],
  ] as const) {
    await t.command(CAST.rm.id, `role ${role} <@${who}>`, OTHER_CHANNEL);
  }
  t.fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 5, channel: OTHER_CHANNEL });
  const limitedAt = Date.now();
  await t.driver.command({ userId: CAST.rm.id, channelId: OTHER_CHANNEL, text: 'gonogo' });
  await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').some((c) => c.status === 429), { timeoutMs: 3000 });

  const clickedAt = Date.now();
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await t.fake.waitFor(() => roleSection(t, poll, 'tech_lead').includes('Go'), { timeoutMs: 10_000 });
  const shownAfterMs = Date.now() - clickedAt;
  expect(shownAfterMs).toBeLessThan(2000);

  // The rate-limited post still lands once, after its Retry-After.
  const other = await t.fake.waitFor(() => pollMessages(t, OTHER_CHANNEL)[0], { timeoutMs: 15_000 });
  expect(Number(other.ts) * 1000 - limitedAt).toBeGreaterThanOrEqual(4500);
  await settle(t, 500);
  expect(pollMessages(t, OTHER_CHANNEL)).toHaveLength(1);
}, 30_000);

test('a chat.update that hangs is given up after the Web API timeout and the vote is shown by the next try', async () => {
  const t = await startTestBot({ slackTimeoutMs: 1000 });
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  t.fake.hangNext('chat.update', { ms: 45_000, channel: CHANNEL });
  const clickedAt = Date.now();
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await t.fake.waitFor(() => roleSection(t, poll, 'tech_lead').includes('Go'), { timeoutMs: 10_000 });
  expect(Date.now() - clickedAt).toBeLessThan(5000);
  // The poll message's updates (the "created" message was updated before, as the roles were named).
  const pollUpdates = t.fake.callsTo('chat.update').filter((c) => c.params.ts === poll.ts);
  expect(pollUpdates.map((c) => c.answer ?? c.status)).toEqual(['abandoned', 200]);
  await t.fake.waitFor(() => matchesDatabase(t, poll), { timeoutMs: 5000 });
}, 30_000);
