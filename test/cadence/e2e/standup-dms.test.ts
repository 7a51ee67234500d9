import { expect, test } from 'vitest';
import { createReleaseBot } from '../../../src/bot.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

/** A Product Owner in New York: 09:30 there is 14:30 UTC, five hours and more after Berlin's 09:30. */
const NY_PO = { id: 'UNYPO', name: 'nora', realName: 'Nora Park', tz: 'America/New_York' };

function dmPrompts(t: TestBot, userId: string): FakeMessage[] {
  return t.fake.messages(t.fake.dmChannelId(userId)).filter((m) => m.text.startsWith('Daily standup'));
}

function channelPrompts(t: TestBot): FakeMessage[] {
  return t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Daily standup'));
}

async function answerFromDm(t: TestBot, userId: string, values: Record<string, string>) {
  const [prompt] = dmPrompts(t, userId);
  if (!prompt) throw new Error(`no DM prompt for ${userId}`);
  await t.driver.clickButton({
    userId,
    channelId: t.fake.dmChannelId(userId),
    messageTs: prompt.ts,
    actionId: 'standup_answer',
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(userId).at(-1));
  const submitted = await t.driver.submitView({
    userId,
    viewId: String(view.id),
    values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])),
  });
  return { view, submitted };
}

async function staffWithNewYorkPo(t: TestBot) {
  t.fake.addUser(NY_PO);
  await createStaffedRelease(t); // Europe/Berlin, window 2026-12-01..12, the cast in Berlin
  await t.command(CAST.rm.id, `unrole po <@${CAST.po.id}>`);
  await t.command(CAST.rm.id, `role po <@${NY_PO.id}>`);
  const configured = await t.command(CAST.rm.id, 'standup config delivery:dm');
  expect(configured.visible).toContain('by DM');
}

test('DM standups: 09:30 in Berlin and 09:30 in New York, once each, answers in the channel thread, one summary', async () => {
  const t = await startTestBot();
  await staffWithNewYorkPo(t);
  const bad = await t.command(CAST.rm.id, 'standup config delivery:email');
  expect(bad.visible).toContain('is not a delivery');

  t.clock.set('2026-12-01T08:29:00Z'); // 09:29 Berlin
  await t.tick();
  expect(dmPrompts(t, CAST.tech.id)).toEqual([]);
  t.clock.set('2026-12-01T08:30:00Z'); // 09:30 Berlin, 03:30 New York
  await t.tick();
  await t.tick();
  for (const who of [CAST.rm.id, CAST.tech.id, CAST.qa.id, CAST.devops.id]) {
    expect(dmPrompts(t, who), who).toHaveLength(1);
  }
  expect(visibleText(dmPrompts(t, CAST.tech.id)[0])).toContain('Good morning!');
  expect(visibleText(dmPrompts(t, CAST.tech.id)[0])).toContain('Tech Lead');
  expect(dmPrompts(t, NY_PO.id)).toEqual([]); // 03:30 in New York: not yet
  expect(channelPrompts(t)).toHaveLength(1); // the thread the answers land in
  const thread = channelPrompts(t)[0];
  if (!thread) throw new Error('no channel prompt');
  expect(visibleText(thread)).not.toContain('Good morning');

  // A restart and a second tick do not prompt anyone again.
  await t.restart();
  await t.tick();
  expect(dmPrompts(t, CAST.tech.id)).toHaveLength(1);

  // The Tech Lead answers from the DM with no blockers (the field may be empty); QA types counts and a decimal.
  const tech = await answerFromDm(t, CAST.tech.id, {});
  expect(tech.submitted.ack ?? null).toBeNull();
  const qa = await answerFromDm(t, CAST.qa.id, {
    'standup:qa_lead:passed': '1204',
    'standup:qa_lead:failed': '3',
    'standup:qa_lead:coverage': '87.5',
  });
  expect(JSON.stringify(qa.view.blocks)).toContain('number_input');
  expect(qa.submitted.ack ?? null).toBeNull();
  await t.fake.waitFor(() => (t.fake.thread(CHANNEL, thread.ts).length === 2 ? true : undefined));
  expect(visibleText(t.fake.thread(CHANNEL, thread.ts)[1])).toContain('1204');

  // The reminder, two hours after each person's prompt, in their DM thread, only to those who have not answered.
  t.clock.set('2026-12-01T10:30:00Z');
  await t.tick();
  await t.tick();
  const reminded = (userId: string) =>
    t.fake
      .thread(t.fake.dmChannelId(userId), dmPrompts(t, userId)[0]?.ts ?? '')
      .filter((m) => m.text.startsWith('Reminder'));
  expect(reminded(CAST.rm.id)).toHaveLength(1);
  expect(reminded(CAST.devops.id)).toHaveLength(1);
  expect(reminded(CAST.tech.id)).toEqual([]);
  expect(reminded(CAST.qa.id)).toEqual([]);

  // 09:30 in New York: the PO's prompt, greeted by their morning; no summary yet (Berlin's cut-off has passed).
  t.clock.set('2026-12-01T14:30:00Z');
  await t.tick();
  await t.tick();
  expect(dmPrompts(t, NY_PO.id)).toHaveLength(1);
  expect(visibleText(dmPrompts(t, NY_PO.id)[0])).toContain('Good morning!');
  expect(t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Standup summary'))).toEqual([]);
  await answerFromDm(t, NY_PO.id, { 'standup:product_owner:features': 'search ready' });
  expect(dmPrompts(t, CAST.tech.id)).toHaveLength(1);

  // The summary after the last prompt plus the cut-off: once, naming only those who did not answer.
  t.clock.set('2026-12-01T18:30:00Z');
  await t.tick();
  await t.tick();
  const summaries = t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Standup summary'));
  expect(summaries).toHaveLength(1);
  const summary = JSON.stringify(summaries[0]?.blocks) + (summaries[0]?.text ?? '');
  expect(summary).toContain(`<@${CAST.rm.id}>`);
  expect(summary).toContain(`<@${CAST.devops.id}>`);
  expect(summary).not.toContain(`<@${CAST.tech.id}>`);
  expect(summary).not.toContain(`<@${CAST.qa.id}>`);
  expect(summary).not.toContain(`<@${NY_PO.id}>`);
  expect(summary).not.toContain('Blocker');

  // Every prompt is closed: the DMs and the channel's.
  for (const who of [CAST.tech.id, NY_PO.id]) {
    const prompt = await t.fake.waitFor(() => {
      const m = dmPrompts(t, who)[0];
      return m && visibleText(m).includes('closed') ? m : undefined;
    });
    expect(JSON.stringify(prompt.blocks)).not.toContain('standup_answer');
  }
  await t.fake.waitFor(() => (visibleText(t.fake.message(CHANNEL, thread.ts)).includes('closed') ? true : undefined));
}, 20_000);

test('an evening prompt greets nobody with "Good morning"; a 04:00 prompt greets nobody at all', async () => {
  const t = await startTestBot();
  await staffWithNewYorkPo(t);
  await t.command(CAST.rm.id, 'standup config time:20:12');
  t.clock.set('2026-12-01T19:12:00Z'); // 20:12 Berlin
  await t.tick();
  expect(visibleText(dmPrompts(t, CAST.tech.id)[0])).toContain('Good evening!');
  await t.command(CAST.rm.id, 'standup config time:04:00');
  t.clock.set('2026-12-02T03:00:00Z'); // 04:00 Berlin on Wednesday
  await t.tick();
  const wednesday = dmPrompts(t, CAST.tech.id).at(-1);
  expect(dmPrompts(t, CAST.tech.id)).toHaveLength(2);
  expect(visibleText(wednesday)).not.toMatch(/Good (morning|afternoon|evening)/);
  expect(visibleText(wednesday)).toContain("Today's standup");
}, 20_000);

test('two bot processes on one database DM each person once', async () => {
  const t = await startTestBot();
  await staffWithNewYorkPo(t);
  const second = await createReleaseBot({
    config: t.config,
    clock: t.clock,
    logger: t.logger,
    schedule: false,
    instanceId: 'second',
    channelPostIntervalMs: 0,
  });
  try {
    t.clock.set('2026-12-01T08:30:00Z');
    await Promise.all([t.tick(), second.tick(), t.tick(), second.tick()]);
    t.clock.set('2026-12-01T10:30:00Z');
    await Promise.all([t.tick(), second.tick(), t.tick(), second.tick()]);
    for (const who of [CAST.rm.id, CAST.tech.id, CAST.qa.id, CAST.devops.id]) {
      expect(dmPrompts(t, who), who).toHaveLength(1);
      const prompt = dmPrompts(t, who)[0];
      expect(t.fake.thread(t.fake.dmChannelId(who), prompt?.ts ?? ''), who).toHaveLength(1); // one reminder
    }
    expect(channelPrompts(t)).toHaveLength(1);
  } finally {
    await second.stop();
  }
}, 20_000);
