/**
 * Issue 12, limits: what people type is measured as sent (escaped), cut with "…" and a note saying where the whole
 * text is, and never makes Slack refuse a message. Bidirectional controls are stripped; mrkdwn in names is inert.
 */
import { expect, test } from 'vitest';
import { ACTION_IDS } from '../../src/core/ids.ts';
import { createStaffedRelease, startTestBot, visibleText } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { openPoll, pollMessage, ROLE_HOLDERS, voteWithNote } from '../polls/e2e/poll-driver.ts';
import { blockText, MAX_MESSAGE_BLOCK_TEXT } from '../support/fake-slack/block-kit.ts';

test('/release risk list with long escaped titles is delivered, shortened, within the limits', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  for (let i = 0; i < 12; i += 1) {
    const added = await t.command(
      CAST.rm.id,
      `risk add "${'<'.repeat(150)}" severity:3 likelihood:3 mitigation:"${'&'.repeat(900)}"`,
    );
    expect(added.visible).toContain(`Risk #${i + 1} added`);
  }
  const list = await t.command(CAST.rm.id, 'risk list');
  expect(list.reply, 'the reply reached Slack').toBeDefined();
  expect(t.fake.responseUrlPosts.every((p) => p.status === 200)).toBe(true);
  expect(list.visible).toContain('12 open risks');
  expect(list.visible).toContain('…');
  expect(list.visible).toContain('`/release export` has all of it');
  expect(blockText(list.reply?.blocks)).toBeLessThanOrEqual(MAX_MESSAGE_BLOCK_TEXT);
});

test('poll updates after long No-Go reasons (1,000 × "<") stay within Slack’s limits', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  for (const [role, voter] of ROLE_HOLDERS) {
    const submitted = await voteWithNote(t, poll, voter, role, ACTION_IDS.pollVoteNoGo, '<'.repeat(1000));
    expect(submitted.ack).toBeUndefined();
  }
  await t.bot.idle(5000);
  const updates = t.fake.callsTo('chat.update');
  expect(updates.length).toBeGreaterThan(0);
  expect(updates.filter((c) => !c.ok).map((c) => c.error)).toEqual([]);
  const shown = pollMessage(t, poll);
  expect(blockText(shown.blocks)).toBeLessThanOrEqual(MAX_MESSAGE_BLOCK_TEXT);
  expect(shown.text.length).toBeLessThanOrEqual(4000);
  const text = visibleText(shown);
  for (const [role] of ROLE_HOLDERS) expect(text).toContain(`poll_role:${role}`);
  expect(text).toContain('poll_decide');
  const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
  const votes = await t.bot.store.polls.votes(poll.pollId);
  expect(votes.filter((v) => v.note === '<'.repeat(1000))).toHaveLength(ROLE_HOLDERS.length);
  expect(release).toBeDefined();
}, 30_000);

test('bidirectional controls are stripped from typed names; mrkdwn characters in a bold name are inert', async () => {
  const t = await startTestBot();
  const created = await t.command(CAST.rm.id, 'create "2.4\u202Etxt.exe*_~`" target:2026-12-10');
  expect(created.reply?.response_type).toBe('in_channel');
  const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
  expect(release?.name).toBe('2.4txt.exe*_~`');
  expect(created.visible).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  // The bot's own bold around the name still closes: the typed `*` is a look-alike that Slack does not interpret.
  expect(created.visible).toContain('*2.4txt.exe∗ˍ∼ˋ*');
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  const risk = await t.command(CAST.rm.id, 'risk add "\u2066evil\u2069 title" severity:2 likelihood:2');
  expect(risk.visible).toContain('Risk #1 added');
  const risks = await t.bot.store.risks.list(release!.id, {});
  expect(risks[0]?.title).toBe('evil title');
});
