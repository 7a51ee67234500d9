import { expect, test } from 'vitest';
import { standupMetricsSource } from '../../../src/cadence/usecases/standup-reporting.ts';
import { ACTION_IDS } from '../../../src/core/ids.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { click, decide, openPoll, pollMessage, roleSection, settled } from '../../polls/e2e/poll-driver.ts';

function standupPrompt(t: TestBot) {
  const prompt = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Daily standup'));
  if (!prompt) throw new Error('no standup prompt');
  return prompt;
}

test('an away person is neither reminded nor counted missing; the summary shows them away; the rate excuses them', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  t.clock.set('2026-12-01T07:00:00Z'); // 08:00 Berlin
  const away = await t.command(CAST.tech.id, 'away');
  expect(away.visible).toContain('through 2026-12-01');
  expect((await t.command(CAST.outsider.id, 'away')).visible).toContain('hold no role');
  expect((await t.command(CAST.tech.id, 'away until:2026-11-01')).visible).toContain('in the past');

  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();
  const prompt = standupPrompt(t);
  // QA is away too, from the prompt's "Away today" button.
  await t.driver.clickButton({
    userId: CAST.qa.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: ACTION_IDS.standupAway,
  });
  await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.qa.id }).find((e) => e.text.includes('away')));

  t.clock.set('2026-12-01T10:30:00Z');
  await t.tick();
  const reminder = t.fake.thread(CHANNEL, prompt.ts).find((m) => m.text.startsWith('Reminder'));
  expect(reminder?.text).toContain(`<@${CAST.rm.id}>`);
  expect(reminder?.text).not.toContain(`<@${CAST.tech.id}>`);
  expect(reminder?.text).not.toContain(`<@${CAST.qa.id}>`);

  t.clock.set('2026-12-01T12:30:00Z');
  await t.tick();
  await t.tick();
  const summary = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Standup summary'));
  const text = visibleText(summary);
  expect(text).toContain('*Away*: Tech Lead, QA Lead');
  expect(summary?.text).not.toContain(`<@${CAST.tech.id}>`);
  expect(summary?.text).not.toContain(`<@${CAST.qa.id}>`);
  expect(summary?.text).toContain(`<@${CAST.rm.id}>`);

  // Five role holders, two away: three were asked, none answered.
  const [release] = await t.bot.deps.store.cadence.activeReleases();
  if (!release) throw new Error('no release');
  expect(await standupMetricsSource(t.bot.deps, release)).toEqual({ standups: { prompted: 3, answered: 0 } });
}, 20_000);

test("a delegate's vote is recorded for the holder; the RM's delegate decides only with decide:yes; a bot is refused", async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const bot = await t.command(CAST.tech.id, `away until:2026-11-30 delegate:<@${CAST.bot.id}>`);
  expect(bot.visible).toContain('is a bot');
  const notRm = await t.command(CAST.tech.id, `away delegate:<@${CAST.outsider.id}> decide:yes`);
  expect(notRm.visible).toContain('Release Manager');
  const set = await t.command(CAST.tech.id, `away until:2026-11-30 delegate:<@${CAST.outsider.id}>`);
  expect(set.visible).toContain(`<@${CAST.outsider.id}> acts for your roles`);

  const poll = await openPoll(t);
  await click(t, poll, CAST.outsider.id, 'tech_lead', 'poll_vote_go');
  await settled(t, poll);
  expect(roleSection(t, poll, 'tech_lead')).toContain(`by <@${CAST.outsider.id}> for <@${CAST.tech.id}>`);
  // The delegate acts only for the absent holder's role.
  await click(t, poll, CAST.outsider.id, 'qa_lead', 'poll_vote_go');
  await settled(t, poll);
  expect(roleSection(t, poll, 'qa_lead')).not.toContain(CAST.outsider.id);

  // The RM away with the same delegate: not allowed to decide until named with decide:yes.
  await t.command(CAST.rm.id, `away until:2026-11-30 delegate:<@${CAST.devops.id}>`);
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: 'poll_decide_no_go',
    value: String(poll.pollId),
  });
  await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.devops.id }).find((e) => /Release Manager|decide/i.test(e.text)),
  );
  expect(t.fake.openViews(CAST.devops.id)).toEqual([]);
  await t.command(CAST.rm.id, `away until:2026-11-30 delegate:<@${CAST.devops.id}> decide:yes`);
  await decide(t, poll, CAST.devops.id, 'no_go', 'waiting for QA');
  await t.fake.waitFor(() => (pollMessage(t, poll).text.includes('decided No-Go') ? true : undefined));

  const record = await t.command(CAST.rm.id, 'away off');
  expect(record.visible).toContain('Welcome back');
}, 20_000);

test('ended and replaced absences are history: past standups stay excused, and a later absence excuses no earlier day', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const [release] = await t.bot.deps.store.cadence.activeReleases();
  if (!release) throw new Error('no release');
  const rate = async () => (await standupMetricsSource(t.bot.deps, release)).standups;
  const standupDay = async (day: string) => {
    t.clock.set(`${day}T08:30:00Z`);
    await t.tick();
    await t.tick();
    t.clock.set(`${day}T12:30:00Z`);
    await t.tick();
    await t.tick();
  };

  t.clock.set('2026-12-01T07:00:00Z');
  await t.command(CAST.tech.id, 'away until:2026-12-04');
  await standupDay('2026-12-01');
  expect(await rate()).toEqual({ prompted: 4, answered: 0 });

  // The Tech Lead is back early; the QA Lead is away for two days.
  t.clock.set('2026-12-02T07:00:00Z');
  expect((await t.command(CAST.tech.id, 'away off')).visible).toContain('Welcome back');
  await t.command(CAST.qa.id, 'away until:2026-12-03');
  await standupDay('2026-12-02');
  // The 1st still excuses the Tech Lead; the 2nd asks them again and excuses the QA Lead.
  expect(await rate()).toEqual({ prompted: 8, answered: 0 });

  // The QA Lead stays away longer (the absence is replaced); the PO is away from the 3rd only.
  t.clock.set('2026-12-03T07:00:00Z');
  await t.command(CAST.qa.id, `away until:2026-12-05 delegate:<@${CAST.outsider.id}>`);
  t.clock.set('2026-12-03T07:05:00Z');
  await t.command(CAST.po.id, 'away');
  await standupDay('2026-12-03');
  expect(await rate()).toEqual({ prompted: 11, answered: 0 });

  const kept = (await t.bot.deps.store.releases.absences(release.id)).map((a) => [a.userId, a.fromDate, a.untilDate]);
  expect(kept).toEqual([
    [CAST.tech.id, '2026-12-01', '2026-12-01'],
    [CAST.qa.id, '2026-12-02', '2026-12-02'],
    [CAST.qa.id, '2026-12-03', '2026-12-05'],
    [CAST.po.id, '2026-12-03', '2026-12-03'],
  ]);
  // The summary of the 2nd said who was away then, not who is away now.
  const second = t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Standup summary'))[1];
  expect(visibleText(second)).toContain('*Away*: QA Lead');
}, 30_000);
