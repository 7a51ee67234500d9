import { expect, test } from 'vitest';
import { createReleaseBot } from '../../../src/bot.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const MINUTE = 60_000;

function standupPrompts(t: TestBot): FakeMessage[] {
  return t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Daily standup'));
}

function summaries(t: TestBot): FakeMessage[] {
  return t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Standup summary'));
}

async function answer(t: TestBot, userId: string, promptTs: string, values: Record<string, string>) {
  await t.driver.clickButton({ userId, channelId: CHANNEL, messageTs: promptTs, actionId: 'standup_answer' });
  const view = await t.fake.waitFor(() => t.fake.openViews(userId).at(-1));
  const submitted = await t.driver.submitView({
    userId,
    viewId: String(view.id),
    values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])),
  });
  return { view, submitted };
}

test('a standup: prompt on time, answers in the thread, a reminder only to the silent, a summary naming them', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t); // Europe/Berlin, window 2026-12-01..12
  // Only the RM, the Tech Lead and DevOps hold roles in this test: the QA and PO roles are dropped.
  await t.command(CAST.rm.id, `unrole qa <@${CAST.qa.id}>`);
  await t.command(CAST.rm.id, `unrole po <@${CAST.po.id}>`);

  t.clock.set('2026-12-01T08:29:00Z'); // 09:29 in Berlin
  await t.tick();
  expect(standupPrompts(t)).toEqual([]);
  t.clock.advance(MINUTE);
  await t.tick();
  await t.tick();
  const [prompt] = standupPrompts(t);
  expect(standupPrompts(t)).toHaveLength(1);
  if (!prompt) throw new Error('no prompt');

  const tech = await answer(t, CAST.tech.id, prompt.ts, {
    'standup:tech_lead:blockers': 'DB migration blocked on <!channel> review',
    'standup:tech_lead:risks': 'none',
  });
  expect(JSON.stringify(tech.view.blocks)).toContain('Technical blockers');
  expect(tech.submitted.ack ?? null).toBeNull();
  const rm = await answer(t, CAST.rm.id, prompt.ts, { 'standup:rm:status': 'at_risk', 'standup:rm:notes': 'tight' });
  expect(JSON.stringify(rm.view.blocks)).toContain('Overall status');
  await t.fake.waitFor(() => (t.fake.thread(CHANNEL, prompt.ts).length === 2 ? true : undefined));
  const replies = t.fake.thread(CHANNEL, prompt.ts);
  expect(visibleText(replies[0])).toContain(`<@${CAST.tech.id}> answered`);
  expect(visibleText(replies[0])).toContain('&lt;!channel&gt;');
  expect(visibleText(replies[1])).toContain('At risk');

  // the RM edits the answer the same day: the reply is updated in place
  await answer(t, CAST.rm.id, prompt.ts, { 'standup:rm:status': 'off_track', 'standup:rm:notes': 'worse' });
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, replies[1]?.ts ?? '')).includes('Off track') ? true : undefined,
  );
  expect(t.fake.thread(CHANNEL, prompt.ts)).toHaveLength(2);

  // a bad answer goes back under its field
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: 'standup_answer',
  });
  const devopsView = await t.fake.waitFor(() => t.fake.openViews(CAST.devops.id).at(-1));
  const bad = await t.driver.submitView({
    userId: CAST.devops.id,
    viewId: String(devopsView.id),
    values: { 'standup:devops:infra': { value: 'green' }, 'standup:devops:readiness': { value: 'not_ready' } },
  });
  expect(JSON.stringify(bad.ack)).toContain('Say why the deployment is not ready');
  t.fake.closeView(CAST.devops.id);

  // reminder at +2h: only DevOps, in the thread
  t.clock.set('2026-12-01T10:30:00Z');
  await t.tick();
  const thread = t.fake.thread(CHANNEL, prompt.ts);
  const reminders = thread.filter((m) => m.text.startsWith('Reminder'));
  expect(reminders).toHaveLength(1);
  expect(reminders[0]?.text).toContain(`<@${CAST.devops.id}>`);
  expect(reminders[0]?.text).not.toContain(`<@${CAST.tech.id}>`);
  expect(reminders[0]?.text).not.toContain(`<@${CAST.rm.id}>`);
  expect(visibleText(reminders[0])).not.toMatch(/<!channel>|<!here>/);

  // App Home tells DevOps, not the Tech Lead
  await t.driver.openHome(CAST.devops.id);
  const devopsHome = await t.fake.waitFor(() => t.fake.homeView(CAST.devops.id));
  expect(JSON.stringify(devopsHome)).toContain('Answer standup');
  await t.driver.openHome(CAST.tech.id);
  const techHome = await t.fake.waitFor(() => t.fake.homeView(CAST.tech.id));
  expect(JSON.stringify(techHome)).toContain('2.4.0');
  expect(JSON.stringify(techHome)).not.toContain('Answer standup');

  // summary at +4h: names the missing one, calls out the blocker and off track with Escalate buttons
  t.clock.set('2026-12-01T12:30:00Z');
  await t.tick();
  await t.tick();
  expect(summaries(t)).toHaveLength(1);
  const summary = summaries(t)[0];
  const text = visibleText(summary);
  expect(summary?.text).toContain(`no answer from <@${CAST.devops.id}>`);
  expect(text).toContain('Blocker');
  expect(text).toContain('Off track');
  expect(text).toContain('standup_escalate');
  const click = await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: summary?.ts ?? '',
    actionId: 'standup_escalate',
  });
  expect(click.status).toBe(200);
  // Escalate opens the escalation form (the full flow is in standup-escalation.test.ts)
  const form = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  expect(form.callback_id).toBe('raise_escalation');
});

test('no standup on a weekend, a holiday or outside the window; standup now claims the day', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const config = await t.command(CAST.rm.id, 'standup config time:08:00 holidays:2026-12-02,--12-24');
  expect(config.visible).toContain('08:00 on mon-fri');
  const denied = await t.command(CAST.tech.id, 'standup config time:07:00');
  expect(denied.visible).toContain('Only the Release Manager');
  const bad = await t.command(CAST.rm.id, 'standup config time:25:00');
  expect(bad.visible).toContain('is not a time');
  expect(bad.visible).toContain('Example');

  for (const day of ['2026-11-30', '2026-12-02', '2026-12-05', '2026-12-06', '2026-12-13']) {
    t.clock.set(`${day}T07:30:00Z`); // 08:30 Berlin
    await t.tick();
  }
  expect(standupPrompts(t)).toEqual([]);

  t.clock.set('2026-12-03T06:00:00Z'); // 07:00 Berlin, before the time
  const now = await t.command(CAST.qa.id, 'standup now');
  expect(now.visible).toContain("Today's standup");
  expect(standupPrompts(t)).toHaveLength(1);
  const again = await t.command(CAST.qa.id, 'standup now');
  expect(again.visible).toContain('already posted');
  t.clock.set('2026-12-03T07:00:00Z'); // the scheduled time
  await t.tick();
  expect(standupPrompts(t)).toHaveLength(1);
  const outsider = await t.command(CAST.outsider.id, 'standup now');
  expect(outsider.visible).toMatch(/already posted|role holders/);

  const schedule = await t.command(CAST.outsider.id, 'schedule');
  expect(schedule.visible).toContain('Fri 2026-12-04 08:00');
  expect(schedule.visible).toContain('Weekly risk review');
  expect(schedule.visible).toContain('Standup reminder');
});

test('a restart across the time catches up once; beyond the grace it is recorded as missed', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  t.clock.set('2026-12-01T08:00:00Z');
  await t.tick();
  await t.bot.stop();
  t.clock.set('2026-12-01T09:15:00Z'); // 45 min after 09:30 Berlin: within the 2 h grace
  await t.restart();
  await t.tick();
  await t.tick();
  expect(standupPrompts(t)).toHaveLength(1);
  await t.restart();
  await t.tick();
  expect(standupPrompts(t)).toHaveLength(1);

  // down over the next day's time for longer than the grace
  await t.bot.stop();
  t.clock.set('2026-12-02T11:00:00Z'); // 12:00 Berlin: 2.5 h late
  await t.restart();
  await t.tick();
  expect(standupPrompts(t)).toHaveLength(1);
  const status = await t.command(CAST.rm.id, 'status');
  expect(status.visible).toContain('Daily standup of 2026-12-02');
  expect(status.visible).toContain('missed');
  const schedule = await t.command(CAST.rm.id, 'schedule');
  expect(schedule.visible).toContain('Missed');
});

test('two bot processes on one database post each standup once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
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
    expect(standupPrompts(t)).toHaveLength(1);
    t.clock.set('2026-12-01T12:30:00Z');
    await Promise.all([t.tick(), second.tick()]);
    expect(summaries(t)).toHaveLength(1);
  } finally {
    await second.stop();
  }
});

test('with Slack enforcing one post per second per channel and a 429, every post lands once', async () => {
  const t = await startTestBot({ enforceChannelPostRate: true, channelPostIntervalMs: 1000 });
  await createStaffedRelease(t);
  t.fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1 });
  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  const [prompt] = standupPrompts(t);
  if (!prompt) throw new Error('no prompt');
  await Promise.all([
    answer(t, CAST.tech.id, prompt.ts, { 'standup:tech_lead:blockers': 'none' }),
    answer(t, CAST.po.id, prompt.ts, { 'standup:product_owner:features': 'all in' }),
  ]);
  await t.fake.waitFor(() => (t.fake.thread(CHANNEL, prompt.ts).length === 2 ? true : undefined), { timeoutMs: 8000 });
  const posts = t.fake.callsTo('chat.postMessage');
  expect(posts.filter((c) => c.status === 429)).toHaveLength(1); // only the injected one: the pacer kept the pace
  expect(standupPrompts(t)).toHaveLength(1);
  expect(t.fake.thread(CHANNEL, prompt.ts)).toHaveLength(2);
}, 20_000);
