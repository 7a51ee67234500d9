import { expect, test } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { tickThroughSlack } from '../../helpers/checklist.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { goThroughSlack } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

function standupPrompts(t: TestBot) {
  return t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Daily standup'));
}

async function startStaffed() {
  const t = await startTestBot();
  await createStaffedRelease(t);
  return t;
}

test('bad reschedules get one clear private error and change nothing', async () => {
  const t = await startStaffed();
  const before = t.fake.messages(CHANNEL).length;
  for (const [text, error] of [
    ['reschedule target:2026-11-20 reason:"slipped"', 'The target date 2026-11-20 is in the past'],
    ['reschedule target:2026-12-17', 'Say why the dates move with `reason:"…"`'],
    [
      'reschedule target:2026-12-17 window:2026-12-01..2026-12-12 reason:"slipped"',
      'The window 2026-12-01..2026-12-12 does not contain the target 2026-12-17',
    ],
    ['reschedule target:2026-12-17 reason:"slipped"', 'The current window 2026-12-01..2026-12-12 does not contain'],
    ['reschedule target:someday reason:"slipped"', '`someday` is not a date'],
  ] as const) {
    const reply = await t.command(CAST.rm.id, text);
    expect(reply.reply?.response_type, text).toBe('ephemeral');
    expect(reply.visible, text).toContain(error);
  }
  expect((await t.command(CAST.qa.id, 'reschedule target:2026-12-17 reason:"x"')).visible).toContain(
    'Only the Release Manager (<@URM>) moves the dates',
  );
  expect(t.fake.messages(CHANNEL).slice(before)).toEqual([]);
  expect(await t.bot.store.releases.findById(1)).toMatchObject({
    targetDate: '2026-12-10',
    windowStart: '2026-12-01',
    windowEnd: '2026-12-12',
  });
  expect(await t.bot.store.releases.scheduleChanges(1)).toEqual([]);
});

test('a reschedule moves the next standup, keeps the history, and the metrics show both on-time figures', async () => {
  const t = await startStaffed();
  expect((await t.command(CAST.po.id, 'schedule')).visible).toContain('Daily standup · Tue 2026-12-01 09:30');

  const moved = await commandPosting(
    t,
    CAST.rm.id,
    'reschedule target:2026-12-17 window:2026-12-08..2026-12-19 reason:"payments API slipped a week"',
  );
  expect(moved.visible).toContain('*2.4.0* was rescheduled by <@URM>');
  expect(moved.visible).toContain(
    'target 2026-12-10 → 2026-12-17 · window 2026-12-01..2026-12-12 → 2026-12-08..2026-12-19',
  );
  expect(moved.visible).toContain('*Reason:* payments API slipped a week');
  expect(moved.visible).toContain('the original target (Thu 2026-12-10)');
  const informed = await t.fake.waitFor(() => t.fake.thread(CHANNEL, moved.ts).find((m) => m.ts !== moved.ts));
  expect(informed.text).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');

  const schedule = await t.command(CAST.po.id, 'schedule');
  expect(schedule.visible).toContain('Daily standup · Tue 2026-12-08 09:30');
  expect(schedule.visible).not.toContain('Tue 2026-12-01');
  expect((await t.command(CAST.po.id, 'status')).visible).toContain('Thu 2026-12-17');

  // The old window's first day passes without a standup; the new one's first day has exactly one.
  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  expect(standupPrompts(t)).toEqual([]);
  t.clock.set('2026-12-08T08:30:00Z');
  await t.tick();
  await t.tick();
  expect(standupPrompts(t)).toHaveLength(1);

  // `decide schedule` in words moves nothing and says how; with `target:` it is the same change as reschedule.
  const words = await t.command(CAST.rm.id, 'decide schedule "we hold the new date"');
  expect(words.visible).toContain('did not move (target 2026-12-17)');
  expect(words.visible).toContain('/release reschedule target:');
  const decided = await commandPosting(t, CAST.rm.id, 'decide schedule target:2026-12-18 why:"CAB meets on Friday"');
  expect(decided.visible).toContain('target 2026-12-17 → 2026-12-18');
  expect(decided.visible).toContain('reschedule 2 of this release');
  const history = await t.bot.store.releases.scheduleChanges(1);
  expect(history.map((c) => [c.before.targetDate, c.after.targetDate, c.reason, c.changedBy])).toEqual([
    ['2026-12-10', '2026-12-17', 'payments API slipped a week', CAST.rm.id],
    ['2026-12-17', '2026-12-18', 'CAB meets on Friday', CAST.rm.id],
  ]);
  const log = await t.command(CAST.po.id, 'decisions');
  expect(log.visible).toContain('Rescheduled: target 2026-12-10 → 2026-12-17');

  // Shipped on the 16th: on time for the final target, late for the original one.
  t.clock.set('2026-12-16T09:00:00Z');
  await goThroughSlack(t);
  await commandPosting(t, CAST.rm.id, 'ship');
  await commandPosting(t, CAST.rm.id, 'done');
  const metrics = await t.command(CAST.rm.id, 'metrics');
  expect(metrics.visible).toContain('*On-time delivery rate*: 100% (1 of 1)');
  expect(metrics.visible).toContain('*On-time delivery against the original target*: 0% (0 of 1)');
  expect(metrics.visible).toContain('*Reschedules*: 2 (in 1 release)');
});

test('quality gates belong to QA: the RM’s tick is refused naming the owner; the RM’s override is kept apart from ticks', async () => {
  const t = await startStaffed();
  await t.command(CAST.rm.id, 'checklist');
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistTick,
    value: JSON.stringify({ r: 1, k: 'quality_gates' }),
  });
  const refusal = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.rm.id }).find((e) => e.text.includes('Only the QA Lead')),
  );
  expect(refusal.text).toContain('Only the QA Lead (<@UQA>) can tick “Quality gates passed”');
  expect(refusal.text).toContain('/release checklist override item:quality_gates');
  expect(t.fake.openViews(CAST.rm.id)).toEqual([]);
  // The RM's own items are the RM's to tick.
  await tickThroughSlack(t, CAST.rm.id, 'team_notified');

  const bad = await t.command(CAST.rm.id, 'checklist override item:lunch "x"');
  expect(bad.visible).toContain('`lunch` is not a checklist item');
  expect((await t.command(CAST.rm.id, 'checklist override item:team_notified "x"')).visible).toContain(
    '“Team notified” is ticked: there is nothing to override',
  );
  expect((await t.command(CAST.qa.id, 'checklist override item:quality_gates "x"')).visible).toContain(
    'Only the Release Manager (<@URM>)',
  );
  const overridden = await commandPosting(
    t,
    CAST.rm.id,
    'checklist override item:quality_gates "perf budget waived for this hotfix"',
  );
  expect(overridden.visible).toContain('accepted Go on *2.4.0* with 1 checklist item open: Quality gates passed');
  await tickThroughSlack(t, CAST.qa.id, 'tests_passing');

  const shown = (await t.command(CAST.po.id, 'checklist')).visible;
  expect(shown).toContain(':white_check_mark: *All tests passing*');
  expect(shown).toContain('Ticked by <@UQA> (QA Lead)');
  expect(shown).toContain(':warning: *Quality gates passed*');
  expect(shown).toContain('Not ticked: *overridden* by <@URM> (Release Manager)');
  expect(shown).toContain('“perf budget waived for this hotfix”');
  expect(shown).toContain(':white_large_square: *Security scans clean*');
  const item = (await t.bot.store.governance.checklist(1)).find((i) => i.key === 'quality_gates');
  expect(item?.tickedAt).toBeNull();
});

test('the rollback decision: the RM decides, the Tech Lead’s vote is the technical call, and overruling it needs a reason', async () => {
  const t = await startStaffed();
  await goThroughSlack(t);
  await commandPosting(t, CAST.rm.id, 'ship');
  const posted = await commandPosting(t, CAST.devops.id, 'rollback');
  const decideBlock = posted.blocks.find((b) => b.block_id === BLOCK_IDS.pollDecide) as {
    elements: Array<{ value: string }>;
  };
  const pollId = decideBlock.elements[0]?.value ?? '';
  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: CHANNEL,
    messageTs: posted.ts,
    actionId: ACTION_IDS.pollVoteGo,
    value: `${pollId}:tech_lead`,
  });
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    messageTs: posted.ts,
    actionId: ACTION_IDS.pollVoteGo,
    value: `${pollId}:devops`,
  });
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, posted.ts)).includes("Technical authority's call") ? true : undefined,
  );
  expect(visibleText(t.fake.message(CHANNEL, posted.ts))).toContain('*Tech Lead* · _technical authority_');

  // Both voted Roll back; the RM decides Don't roll back: against the recommendation and the technical call.
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: posted.ts,
    actionId: ACTION_IDS.pollDecideNoGo,
    value: pollId,
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  expect(JSON.stringify(modal)).toContain("Technical authority's call");
  const withReason = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(modal.id),
    values: { [BLOCK_IDS.pollRationale]: { [INPUT_ACTION_ID]: 'the error rate is back to normal after the flag' } },
  });
  expect(withReason.ack ?? '').toBe('');
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, posted.ts)).includes('decided against the technical call') ? true : undefined,
  );
  const log = await t.command(CAST.po.id, 'decisions');
  expect(log.visible).toContain("Rollback: Don't roll back");
  expect(log.visible).toContain('technical call (Tech Lead <@UTECH>): Roll back, _decided against it_');
  const [, rollback] = await t.bot.store.decisions.forRelease(1);
  expect(rollback?.details).toMatchObject({
    technicalCall: { role: 'tech_lead', voterId: CAST.tech.id, side: 'go', against: true },
  });
});
