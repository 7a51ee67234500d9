import { expect, test } from 'vitest';
import { standupMetricsSource, standupRecordSection } from '../../../src/cadence/usecases/standup-reporting.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

/** A person in the channel with no role who stands in for nobody. */
const PASSER_BY = { id: 'UPASSER', name: 'pat', realName: 'Pat Doe', tz: 'Europe/Berlin' };

function channelPrompt(t: TestBot) {
  const prompt = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Daily standup'));
  if (!prompt) throw new Error('no standup prompt');
  return prompt;
}

async function openAnswer(t: TestBot, userId: string, channelId: string, messageTs: string) {
  const before = t.fake.openViews(userId).length;
  await t.driver.clickButton({ userId, channelId, messageTs, actionId: 'standup_answer' });
  return t.fake.waitFor(() => (t.fake.openViews(userId).length > before ? t.fake.openViews(userId).at(-1) : undefined));
}

async function submit(t: TestBot, userId: string, viewId: string, values: Record<string, string>) {
  return t.driver.submitView({
    userId,
    viewId,
    values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])),
  });
}

async function releaseOf(t: TestBot) {
  const [release] = await t.bot.deps.store.cadence.activeReleases();
  if (!release) throw new Error('no release');
  return release;
}

test('a delegate answers the away holder’s standup: stored as the holder’s, shown by/for, counted answered, nobody reminded for it', async () => {
  const t = await startTestBot();
  t.fake.addUser(PASSER_BY);
  await createStaffedRelease(t);
  t.clock.set('2026-12-01T07:00:00Z'); // 08:00 Berlin
  // The Tech Lead names DevOps (who holds a role of their own); the QA Lead names someone with no role.
  await t.command(CAST.tech.id, `away delegate:<@${CAST.devops.id}>`);
  await t.command(CAST.qa.id, `away delegate:<@${CAST.outsider.id}|out>`);

  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();
  const prompt = channelPrompt(t);

  // Someone who neither holds a role nor stands in for anyone is refused, privately.
  await t.driver.clickButton({
    userId: PASSER_BY.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: 'standup_answer',
  });
  const refusal = await t.fake.waitFor(() => t.fake.ephemerals({ userId: PASSER_BY.id }).at(-1));
  expect(refusal.text).toContain('stand in for nobody who is away');
  expect(t.fake.openViews(PASSER_BY.id)).toEqual([]);

  // The outsider's App Home offers the QA Lead's standup; its button opens the QA Lead's questions, for the QA Lead.
  await t.driver.openHome(CAST.outsider.id);
  const home = await t.fake.waitFor(() => t.fake.homeView(CAST.outsider.id));
  expect(JSON.stringify(home.blocks)).toContain("Today's standup (QA Lead)");
  await t.driver.clickInView({ userId: CAST.outsider.id, viewId: String(home.id), actionId: 'standup_answer' });
  const qaView = await t.fake.waitFor(() => t.fake.openViews(CAST.outsider.id).at(-1));
  const qaBlocks = JSON.stringify(qaView.blocks);
  expect(qaBlocks).toContain('Tests passed');
  expect(qaBlocks).toContain(`For <@${CAST.qa.id}>, who is away`);
  expect(qaBlocks).not.toContain('Technical blockers');
  const qa = await submit(t, CAST.outsider.id, String(qaView.id), {
    'standup:qa_lead:passed': '1204',
    'standup:qa_lead:failed': '3',
  });
  expect(qa.ack ?? null).toBeNull();

  // DevOps answers their own role and the Tech Lead's in one form: two answers, each its owner's.
  const devView = await openAnswer(t, CAST.devops.id, CHANNEL, prompt.ts);
  const devBlocks = JSON.stringify(devView.blocks);
  expect(devBlocks).toContain('Technical blockers');
  expect(devBlocks).toContain('Deployment readiness');
  expect(devBlocks).toContain(`For <@${CAST.tech.id}>, who is away`);
  await submit(t, CAST.devops.id, String(devView.id), {
    'standup:tech_lead:blockers': 'schema review pending',
    'standup:devops:infra': 'green',
    'standup:devops:readiness': 'ready',
  });

  await t.fake.waitFor(() => (t.fake.thread(CHANNEL, prompt.ts).length === 3 ? true : undefined));
  const replies = t.fake.thread(CHANNEL, prompt.ts).map((m) => visibleText(m));
  expect(replies.some((r) => r.includes(`<@${CAST.outsider.id}> answered for <@${CAST.qa.id}>`))).toBe(true);
  expect(replies.some((r) => r.includes(`<@${CAST.devops.id}> answered for <@${CAST.tech.id}>`))).toBe(true);
  expect(replies.some((r) => r.includes(`<@${CAST.devops.id}> answered:`))).toBe(true);

  const release = await releaseOf(t);
  const standup = await t.bot.deps.store.standups.findBySlot(release.id, '2026-12-01');
  const rows = await t.bot.deps.store.standups.answers(standup?.id ?? -1);
  expect(rows.map((r) => [r.userId, r.answeredBy, Object.keys(r.answers)])).toEqual([
    [CAST.qa.id, CAST.outsider.id, ['qa_lead']],
    [CAST.tech.id, CAST.devops.id, ['tech_lead']],
    [CAST.devops.id, null, ['devops']],
  ]);

  // The delegate may change the holder's answer the same day: the form is prefilled with it.
  const again = await openAnswer(t, CAST.outsider.id, CHANNEL, prompt.ts);
  expect(JSON.stringify(again.blocks)).toContain('"initial_value":"1204"');
  t.fake.closeView(CAST.outsider.id);

  // The reminder names only the RM and the PO: neither the away holders nor their delegates.
  t.clock.set('2026-12-01T10:30:00Z');
  await t.tick();
  const reminder = t.fake.thread(CHANNEL, prompt.ts).find((m) => m.text.startsWith('Reminder'));
  expect(reminder?.text).toContain(`<@${CAST.rm.id}>`);
  expect(reminder?.text).toContain(`<@${CAST.po.id}>`);
  for (const id of [CAST.tech.id, CAST.qa.id, CAST.outsider.id, CAST.devops.id]) {
    expect(reminder?.text).not.toContain(`<@${id}>`);
  }

  t.clock.set('2026-12-01T12:30:00Z');
  await t.tick();
  await t.tick();
  const summary = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Standup summary'));
  const text = visibleText(summary);
  expect(text).toContain('*Answered*: Tech Lead (by @udevops for @utech), QA Lead (by @uout for @uqa), DevOps');
  expect(text).not.toContain('*Away*');
  expect(text).toContain('*Tests*: 1204 passed, 3 failed');
  expect(text).toContain('schema review pending');

  // Five holders: the RM and the PO did not answer; the three answers (two by delegates) count as answered.
  expect(await standupMetricsSource(t.bot.deps, release)).toEqual({ standups: { prompted: 5, answered: 3 } });
  // The exported record says who answered for whom.
  const [record] = await standupRecordSection(t.bot.deps, release);
  expect(record?.lines.join('\n')).toContain(
    `QA Lead answered by <@${CAST.outsider.id}> for <@${CAST.qa.id}>, who was away`,
  );
}, 30_000);

test('DM delivery: a delegate answers for the away holder from their own DM prompt', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await t.command(CAST.rm.id, 'standup config delivery:dm');
  t.clock.set('2026-12-01T07:00:00Z');
  await t.command(CAST.tech.id, `away delegate:<@${CAST.devops.id}>`);

  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();
  const dm = t.fake.dmChannelId(CAST.devops.id);
  const [prompt] = t.fake.messages(dm).filter((m) => m.text.startsWith('Daily standup'));
  if (!prompt) throw new Error('no DM prompt');
  // The away Tech Lead is not asked.
  expect(t.fake.messages(t.fake.dmChannelId(CAST.tech.id))).toEqual([]);

  const view = await openAnswer(t, CAST.devops.id, dm, prompt.ts);
  expect(JSON.stringify(view.blocks)).toContain(`For <@${CAST.tech.id}>, who is away`);
  await submit(t, CAST.devops.id, String(view.id), {
    'standup:tech_lead:blockers': 'none',
    'standup:devops:infra': 'green',
    'standup:devops:readiness': 'ready',
  });
  const thread = channelPrompt(t);
  await t.fake.waitFor(() => (t.fake.thread(CHANNEL, thread.ts).length === 2 ? true : undefined));
  const release = await releaseOf(t);
  const standup = await t.bot.deps.store.standups.findBySlot(release.id, '2026-12-01');
  const rows = await t.bot.deps.store.standups.answers(standup?.id ?? -1);
  expect(rows.find((r) => r.userId === CAST.tech.id)?.answeredBy).toBe(CAST.devops.id);
}, 30_000);
