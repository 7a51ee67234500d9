import { expect, test } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID, retroItemBlockId } from '../../../src/core/ids.ts';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { tickThroughSlack } from '../../helpers/checklist.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { goThroughSlack, voteGoAndDecide } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

const MGMT = 'C0MGMT';

/** Everything posted in the channel (not threads) after `before` messages. */
function channelPostsSince(t: TestBot, before: number) {
  return t.fake
    .messages(CHANNEL)
    .slice(before)
    .filter((m) => !m.threadTs || m.threadTs === m.ts);
}

async function status(t: TestBot) {
  return (await t.bot.store.releases.findById(1))?.status;
}

async function startStaffed() {
  const t = await startTestBot();
  await createStaffedRelease(t);
  return t;
}

test('ship with no Go is refused privately: what is missing and the way forward; nothing changes', async () => {
  const t = await startStaffed();
  const before = t.fake.messages(CHANNEL).length;
  const refused = await t.command(CAST.rm.id, 'ship');
  expect(refused.reply?.response_type).toBe('ephemeral');
  expect(refused.visible).toContain('cannot ship yet');
  expect(refused.visible).toContain('Deployment gate: pending');
  expect(refused.visible).toContain('No Go decision yet: the Release Manager runs the go/no-go with `/release gonogo`');
  // The open checklist items are part of what is missing, each with its owner.
  expect(refused.visible).toContain('10 checklist items are open');
  expect(refused.visible).toContain('“All tests passing” (QA Lead)');
  expect(refused.visible).toContain('/release ship emergency reason:');
  expect(channelPostsSince(t, before)).toEqual([]);
  expect(await status(t)).toBe('planning');
  // DevOps (Deployment: Accountable) is refused by the gate too, not for lack of authority.
  expect((await t.command(CAST.devops.id, 'ship')).visible).toContain('No Go decision yet');
  expect((await t.command(CAST.tech.id, 'ship')).visible).toContain(
    'Only the Release Manager (<@URM>) or the DevOps Engineer (<@UDEVOPS>) can do that.',
  );
});

test('ship after a No-Go is refused until a newer Go', async () => {
  const t = await startStaffed();
  const posted = await commandPosting(t, CAST.rm.id, 'gonogo');
  const decideBlock = posted.blocks.find((b) => b.block_id === BLOCK_IDS.pollDecide) as {
    elements: Array<{ value: string }>;
  };
  const pollId = decideBlock.elements[0]?.value ?? '';
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: posted.ts,
    actionId: ACTION_IDS.pollDecideNoGo,
    value: pollId,
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[0]);
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(modal.id),
    values: { [BLOCK_IDS.pollRationale]: { [INPUT_ACTION_ID]: 'load tests are red' } },
  });
  await t.bot.idle(5000);
  const refused = await t.command(CAST.rm.id, 'ship');
  expect(refused.visible).toContain('Deployment gate: closed');
  expect(refused.visible).toContain('A No-Go is in force (decided by <@URM>');
  expect(refused.visible).toContain('shipping needs a newer Go (`/release gonogo`)');
  expect(await status(t)).toBe('planning');

  // A newer poll decided Go opens the gate.
  t.clock.advance(60_000);
  await goThroughSlack(t);
  const shipped = await commandPosting(t, CAST.rm.id, 'ship');
  expect(shipped.visible).toContain('was shipped by <@URM> (Release Manager)');
  expect(await status(t)).toBe('shipped');
});

test('ship accepted after a Go: DevOps ships, each step announced with who did it; DevOps marks it done', async () => {
  const t = await startStaffed();
  const poll = await goThroughSlack(t);
  expect(visibleText(t.fake.message(CHANNEL, poll.ts))).not.toContain('needs re-confirmation');
  t.clock.advance(3_600_000);
  const shipped = await commandPosting(t, CAST.devops.id, 'ship');
  expect(shipped.visible).toContain('*2.4.0* was shipped by <@UDEVOPS> (DevOps Engineer)');
  expect(shipped.visible).toContain('through the deployment gate on the Go by <@URM>');
  const informed = await t.fake.waitFor(() => t.fake.thread(CHANNEL, shipped.ts).find((m) => m.ts !== shipped.ts));
  expect(informed.text).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');
  expect(await status(t)).toBe('shipped');

  const done = await commandPosting(t, CAST.devops.id, 'done');
  expect(done.visible).toContain('*2.4.0* was marked done by <@UDEVOPS>');
  expect(await status(t)).toBe('done');
  const steps = (await t.bot.store.audit.forRelease(1))
    .filter((e) => e.action === 'release.status_changed' || e.action === 'gate.passed')
    .map((e) => [e.action, e.subject, e.actorId]);
  expect(steps).toEqual([
    ['release.status_changed', 'go_decision', CAST.rm.id],
    ['release.status_changed', 'ship', CAST.devops.id],
    ['gate.passed', 'ship', CAST.devops.id],
    ['release.status_changed', 'done', CAST.devops.id],
  ]);
  // Cancel stays with the RM (a new release, since this one has ended).
  await t.command(CAST.rm.id, 'create 2.5.0 target:2026-12-20');
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  await t.command(CAST.rm.id, `role devops <@${CAST.devops.id}>`);
  expect((await t.command(CAST.devops.id, 'cancel')).visible).toContain(
    'Only the Release Manager (<@URM>) can do that.',
  );
});

test('a bot holding the DevOps role never ships', async () => {
  const t = await startStaffed();
  await t.command(CAST.rm.id, `role devops <@${CAST.bot.id}>`);
  await goThroughSlack(t);
  const refused = await t.command(CAST.bot.id, 'ship');
  expect(refused.visible).toContain('<@UBOTX> is a bot: only a person ships a release.');
  expect(await status(t)).toBe('approved');
});

test('an emergency ship: RM only, with a reason; announced, logged as an override, escalated, on the retrospective, counted apart', async () => {
  const t = await startStaffed();
  await t.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}|eng-managers>`);
  expect((await t.command(CAST.devops.id, 'ship emergency reason:"hotfix"')).visible).toContain(
    'Only the Release Manager (<@URM>) ships past the gate',
  );
  expect((await t.command(CAST.rm.id, 'ship emergency')).visible).toContain('An emergency ship needs the reason');
  expect(await status(t)).toBe('planning');

  const before = t.fake.messages(CHANNEL).length;
  await t.command(CAST.rm.id, 'ship emergency reason:"card payments down; the fix cannot wait"');
  const found = await t.fake.waitFor(() =>
    channelPostsSince(t, before).find((m) => m.text.startsWith('Emergency ship of')),
  );
  const shipped = { ...found, visible: visibleText(found) };
  expect(shipped.visible).toContain('*Emergency ship*');
  expect(shipped.visible).toContain('*past the deployment gate*');
  expect(shipped.visible).toContain('*Reason:* card payments down; the fix cannot wait');
  expect(shipped.visible).toContain('No Go decision yet');
  expect(shipped.visible).toContain('a level-2 escalation (#1) tells management');
  const informed = await t.fake.waitFor(() => t.fake.thread(CHANNEL, shipped.ts).find((m) => m.ts !== shipped.ts));
  expect(informed.text).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');
  expect(await status(t)).toBe('shipped');
  expect(channelPostsSince(t, before).filter((m) => m.text.startsWith('Emergency ship of'))).toHaveLength(1);

  // The level-2 notice went to the management channel.
  const [escalation] = await t.bot.store.escalations.listForRelease(1);
  expect(escalation).toMatchObject({ level: 2, raisedBy: CAST.rm.id });
  expect(escalation?.summary).toContain('Emergency ship of 2.4.0 past the deployment gate');
  expect(t.fake.messages(MGMT).some((m) => visibleText(m).includes('Emergency ship of 2.4.0'))).toBe(true);

  // Recorded as an override of the gate.
  const decisions = await t.command(CAST.po.id, 'decisions');
  expect(decisions.visible).toContain('Deployment gate override (emergency ship)');
  expect(decisions.visible).toContain('card payments down; the fix cannot wait');
  expect((await t.command(CAST.po.id, 'status')).visible).toContain('Shipped past the deployment gate');

  // The retrospective asks why the gate was bypassed, and the RM must answer.
  await commandPosting(t, CAST.rm.id, 'done');
  await t.tick();
  const prompt = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Retrospective for'));
  if (!prompt) throw new Error('no retrospective prompt');
  expect(visibleText(prompt)).toContain('Why was the gate bypassed?');
  expect(visibleText(prompt)).toContain('required of the Release Manager');
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: ACTION_IDS.retroAnswer,
  });
  const form = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  // Required of the RM: Slack itself will not submit the form without it (the use case checks again).
  const blocks = form.blocks as Array<{ block_id?: string; optional?: boolean }>;
  const item = blocks.find((b) => b.block_id === retroItemBlockId('gate_bypassed'));
  expect(item?.optional).toBe(false);
  await expect(
    t.driver.submitView({
      userId: CAST.rm.id,
      viewId: String(form.id),
      values: { [BLOCK_IDS.retroWell]: { value: 'fast fix' } },
    }),
  ).rejects.toThrow('retro_item:gate_bypassed is required');
  const answered = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(form.id),
    values: {
      [BLOCK_IDS.retroWell]: { value: 'fast fix' },
      [retroItemBlockId('gate_bypassed')]: { value: 'no staging for payments; build one' },
    },
  });
  expect(answered.ack ?? '').toBe('');
  await t.fake.waitFor(() =>
    t.fake.thread(CHANNEL, prompt.ts).find((m) => visibleText(m).includes('no staging for payments')),
  );

  // The metrics count it on its own line, never as an on-time success.
  const metrics = await t.command(CAST.rm.id, 'metrics');
  expect(metrics.visible).toContain('*Emergency ships (past the deployment gate)*: 100% (1 of 1)');
  expect(metrics.visible).toContain('*On-time delivery rate*: _No data_');
  expect(metrics.visible).toContain('*Deployment success rate*: _No data_');
});

test('a Go goes stale when a risk of score 15 or more is added; ship asks the RM to confirm with one click', async () => {
  const t = await startStaffed();
  const poll = await goThroughSlack(t);
  t.clock.advance(3_600_000);
  // A risk under the threshold leaves the Go alone.
  await t.command(CAST.tech.id, 'risk add "Slow admin page" severity:4 likelihood:3');
  expect((await t.command(CAST.rm.id, 'status')).visible).toContain('Deployment gate: open');

  t.clock.advance(60_000);
  await t.command(CAST.tech.id, 'risk add "Card processor retires its API" severity:4 likelihood:4');
  // The poll message says so, with the two ways on.
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, poll.ts)).includes('needs re-confirmation') ? true : undefined,
  );
  const pollText = visibleText(t.fake.message(CHANNEL, poll.ts));
  expect(pollText).toContain('Risk #2 “Card processor retires its API” (score 16) was added by <@UTECH>');
  expect(pollText).toContain(ACTION_IDS.gateConfirmGo);
  expect(pollText).toContain(ACTION_IDS.gateReopenPoll);
  const shown = await t.command(CAST.po.id, 'status');
  expect(shown.visible).toContain('Deployment gate: pending');
  expect(shown.visible).toContain('The Go *needs re-confirmation*');
  // The RM's App Home says so too.
  await t.driver.openHome(CAST.rm.id);
  const home = await t.fake.waitFor(() => t.fake.homeView(CAST.rm.id));
  expect(JSON.stringify(home)).toContain('needs your re-confirmation (1 change since)');

  // DevOps may ship, but not a stale Go: the RM re-confirms.
  const devops = await t.command(CAST.devops.id, 'ship');
  expect(devops.visible).toContain('needs re-confirmation');
  expect(devops.visible).toContain('The Release Manager re-confirms the Go');
  expect(devops.visible).not.toContain(ACTION_IDS.gateConfirmGo);

  const asked = await t.command(CAST.rm.id, 'ship');
  expect(asked.visible).toContain('Confirm Go and ship');
  expect(asked.visible).toContain('Reopen the go/no-go');
  expect(await status(t)).toBe('approved');
  const before = t.fake.messages(CHANNEL).length;
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.gateConfirmGo,
    value: JSON.stringify({ r: 1, s: 1 }),
  });
  await t.bot.idle(5000);
  const posts = channelPostsSince(t, before).map((m) => m.text);
  expect(posts.find((p) => p.includes('re-confirmed'))).toContain('The Go on 2.4.0 was re-confirmed');
  expect(posts.find((p) => p.includes('was shipped'))).toContain('re-confirmed by <@URM>');
  expect(await status(t)).toBe('shipped');
  const log = await t.bot.store.decisions.forRelease(1);
  expect(log.map((d) => [d.kind, d.area])).toEqual([
    ['go_no_go', null],
    ['authority', 'go_reconfirmed'],
  ]);
  expect(log[1]?.details).toMatchObject({ goDecisionId: log[0]?.id, events: [{ kind: 'risk_raised', score: 16 }] });
  expect((await t.command(CAST.po.id, 'decisions')).visible).toContain('Go re-confirmed');
});

test('reopening the go/no-go from a stale Go: the gate waits for the new poll, whose Go opens it', async () => {
  const t = await startStaffed();
  const first = await goThroughSlack(t);
  t.clock.advance(60_000);
  // QA takes a tick back: the Go is stale and an item is open.
  await t.command(CAST.qa.id, 'checklist');
  await t.driver.clickButton({
    userId: CAST.qa.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistUntick,
    value: JSON.stringify({ r: 1, k: 'tests_passing' }),
  });
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, first.ts)).includes('“All tests passing” was unticked by <@UQA>')
      ? true
      : undefined,
  );
  const refused = await t.command(CAST.rm.id, 'ship');
  expect(refused.visible).toContain('needs re-confirmation');
  expect(refused.visible).toContain('1 checklist item is open: “All tests passing” (QA Lead)');
  // Confirming alone would not open the gate: the open item must be ticked or overridden first.
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: first.ts,
    actionId: ACTION_IDS.gateConfirmGo,
    value: JSON.stringify({ r: 1, s: 0 }),
  });
  const notYet = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.rm.id }).find((e) => e.text.includes('would not open the gate')),
  );
  expect(notYet.text).toContain('/release checklist override item:tests_passing');

  // The RM reopens the poll instead; while it is open, the gate waits for it.
  const before = t.fake.messages(CHANNEL).length;
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: first.ts,
    actionId: ACTION_IDS.gateReopenPoll,
    value: '1',
  });
  const reopened = await t.fake.waitFor(() =>
    channelPostsSince(t, before).find((m) => m.text.startsWith('Go/No-Go') && !m.text.includes('decided')),
  );
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, first.ts)).includes('A new go/no-go poll is open') ? true : undefined,
  );
  expect((await t.command(CAST.rm.id, 'ship')).visible).toContain('A new go/no-go poll is open');

  // QA ticks again; the new poll is decided Go; the gate opens.
  await tickThroughSlack(t, CAST.qa.id, 'tests_passing');
  await voteGoAndDecide(t, reopened);
  expect((await t.command(CAST.rm.id, 'status')).visible).toContain('Deployment gate: open');
  expect((await commandPosting(t, CAST.rm.id, 'ship')).visible).toContain('was shipped by <@URM>');
});

test('an emergency ship past a stale Go: the Go’s poll stops offering to confirm it once the release has shipped', async () => {
  const t = await startStaffed();
  const poll = await goThroughSlack(t);
  t.clock.advance(60_000);
  await t.command(CAST.tech.id, 'risk add "Card processor retires its API" severity:5 likelihood:4');
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, poll.ts)).includes(ACTION_IDS.gateConfirmGo) ? true : undefined,
  );
  await t.command(CAST.rm.id, 'ship emergency reason:"the processor switches off tonight"');
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, poll.ts)).includes(ACTION_IDS.gateConfirmGo) ? undefined : true,
  );
  expect(visibleText(t.fake.message(CHANNEL, poll.ts))).not.toContain('needs re-confirmation');
  const [, override] = await t.bot.store.decisions.forRelease(1);
  expect(override).toMatchObject({ area: 'gate_override', details: { missing: ['needs_reconfirmation'] } });
  expect(override?.outcome).toBe('Shipped past the gate (a Go needing re-confirmation)');
});

test('after the Go, the Home of the Release Manager and of DevOps says the next step is the deployment', async () => {
  const t = await startStaffed();
  await goThroughSlack(t);
  const homeText = async (userId: string) => {
    const before = t.fake.homeView(userId)?.hash;
    await t.driver.openHome(userId);
    const view = await t.fake.waitFor(() => {
      const now = t.fake.homeView(userId);
      return now && now.hash !== before ? now : undefined;
    });
    return JSON.stringify(view.blocks);
  };
  expect(await homeText(CAST.rm.id)).toContain('gate of *2.4.0* is open');
  expect(await homeText(CAST.devops.id)).toContain('/release ship');
  expect(await homeText(CAST.qa.id)).not.toContain('/release ship');
  await commandPosting(t, CAST.devops.id, 'ship');
  expect(await homeText(CAST.rm.id)).not.toContain('gate of *2.4.0* is open');
});
