import { expect, test } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { tickChecklistItem } from '../../../src/governance/usecases/tick-checklist-item.ts';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { tickThroughSlack } from '../../helpers/checklist.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

type Poll = { ts: string; pollId: number };

async function openGoNoGo(t: TestBot): Promise<Poll> {
  const posted = await commandPosting(t, CAST.rm.id, 'gonogo');
  const decide = posted.blocks.find((b) => b.block_id === BLOCK_IDS.pollDecide) as
    | { elements: Array<{ value: string }> }
    | undefined;
  const pollId = Number(decide?.elements[0]?.value);
  if (!Number.isInteger(pollId)) throw new Error('the poll message has no decide buttons');
  return { ts: posted.ts, pollId };
}

function pollText(t: TestBot, poll: Poll): string {
  return visibleText(t.fake.message(CHANNEL, poll.ts));
}

/** Waits until the poll message in the channel shows `text`. */
function pollShows(t: TestBot, poll: Poll, text: string) {
  return t.fake.waitFor(() => (pollText(t, poll).includes(text) ? true : undefined), { timeoutMs: 3000 });
}

test('the open poll shows the checklist and follows ticks, unticks and an override', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openGoNoGo(t);
  expect(pollText(t, poll)).toContain('Checklist: *10 of 10 items open*');
  expect(pollText(t, poll)).toContain('All tests passing (QA Lead)');
  expect(pollText(t, poll)).toContain('Risks: none open.');
  expect(pollText(t, poll)).toContain('Escalations: none open.');

  // QA ticks "All tests passing" through the checklist's modal: the poll message is updated in place.
  await tickThroughSlack(t, CAST.qa.id, 'tests_passing');
  await pollShows(t, poll, 'Checklist: *9 of 10 items open*');
  expect(pollText(t, poll)).not.toContain('All tests passing (QA Lead)');

  // The RM unticks it again.
  await t.command(CAST.rm.id, 'checklist');
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistUntick,
    value: JSON.stringify({ r: 1, k: 'tests_passing' }),
  });
  await pollShows(t, poll, 'Checklist: *10 of 10 items open*');

  // An override with the command: the poll says Go with these items was accepted.
  await commandPosting(t, CAST.rm.id, 'checklist override "hotfix; the rest follows tomorrow"');
  await pollShows(t, poll, 'was accepted by <@URM>: “hotfix; the rest follows tomorrow”');

  // A risk raised while the poll is open shows at the next render (a vote).
  await t.command(CAST.tech.id, 'risk add "Payment API rate limits" severity:4 likelihood:3');
  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: ACTION_IDS.pollVoteGo,
    value: `${poll.pollId}:tech_lead`,
  });
  await pollShows(t, poll, '*1 open risk*, 1 high');
  expect(pollText(t, poll)).toContain('Payment API rate limits (score 12');
  expect(t.fake.callsTo('chat.update').filter((c) => c.params.ts === poll.ts).length).toBeGreaterThanOrEqual(4);
});

test('Decide Go with items open asks for the override reason; the override is recorded first, announced and logged', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const deps = t.bot.deps;
  // Each item is ticked by its owner role (since issue 13 the RM ticks only the RM's own items).
  const owners: Record<string, string> = {
    prs_merged: CAST.tech.id,
    tests_passing: CAST.qa.id,
    quality_gates: CAST.qa.id,
    security_scans: CAST.tech.id,
    docs_updated: CAST.tech.id,
    release_notes: CAST.po.id,
    rollback_plan: CAST.devops.id,
    team_notified: CAST.rm.id,
    stakeholders_informed: CAST.rm.id,
  };
  for (const [key, actorId] of Object.entries(owners)) {
    expect((await tickChecklistItem(deps, { releaseId: 1, key, actorId })).ok).toBe(true);
  }
  const poll = await openGoNoGo(t);
  expect(pollText(t, poll)).toContain('Checklist: *1 of 10 items open*: Monitoring configured (DevOps Engineer).');
  for (const [role, userId] of [
    ['tech_lead', CAST.tech.id],
    ['qa_lead', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['product_owner', CAST.po.id],
  ] as const) {
    await t.driver.clickButton({
      userId,
      channelId: CHANNEL,
      messageTs: poll.ts,
      actionId: ACTION_IDS.pollVoteGo,
      value: `${poll.pollId}:${role}`,
    });
  }
  await pollShows(t, poll, 'Recommendation: Go');

  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: ACTION_IDS.pollDecideGo,
    value: String(poll.pollId),
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[0]);
  const form = JSON.stringify(modal);
  expect(form).toContain('Checklist: 1 of 10 items open');
  expect(form).toContain('Monitoring configured (DevOps Engineer)');
  expect(form).toContain('Override reason (Go with items open)');
  expect(form).toContain(BLOCK_IDS.pollOverride);

  // Without a reason: the error shows under the override field, nothing is recorded, the poll stays open.
  const refused = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(modal.id),
    values: {
      [BLOCK_IDS.pollRationale]: { [INPUT_ACTION_ID]: null },
      [BLOCK_IDS.pollOverride]: { [INPUT_ACTION_ID]: '   ' },
    },
  });
  expect(refused.ack).toMatchObject({ response_action: 'errors' });
  const errors = (refused.ack as { errors: Record<string, string> }).errors;
  expect(Object.keys(errors)).toEqual([BLOCK_IDS.pollOverride]);
  expect(errors[BLOCK_IDS.pollOverride]).toContain('1 checklist item is open');
  expect(await t.bot.store.decisions.forRelease(1)).toEqual([]);
  expect((await t.bot.store.polls.findById(poll.pollId))?.status).toBe('open');

  const before = t.fake.messages(CHANNEL).length;
  const accepted = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(modal.id),
    values: {
      [BLOCK_IDS.pollRationale]: { [INPUT_ACTION_ID]: null },
      [BLOCK_IDS.pollOverride]: { [INPUT_ACTION_ID]: 'Alerts are live; <dashboards> follow tomorrow' },
    },
  });
  expect(accepted.ack ?? '').toBe('');
  const announcement = await t.fake.waitFor(() =>
    t.fake
      .messages(CHANNEL)
      .slice(before)
      .find((m) => m.text.includes('accepted Go on')),
  );
  expect(announcement.text).toContain(
    '<@URM> accepted Go on *2.4.0* with 1 checklist item open: Monitoring configured',
  );
  expect(announcement.text).toContain('*Reason:* Alerts are live; &lt;dashboards&gt; follow tomorrow');
  await pollShows(t, poll, 'Decision: Go');
  expect((await t.bot.store.releases.findById(1))?.status).toBe('approved');
  const log = await t.bot.store.decisions.forRelease(1);
  expect(log.map((d) => d.kind)).toEqual(['authority', 'go_no_go']);

  const decisions = await t.command(CAST.po.id, 'decisions');
  expect(decisions.visible).toContain('Checklist override (Go with open items)');
  expect(decisions.visible).toContain('Alerts are live; &lt;dashboards&gt; follow tomorrow');
  expect(decisions.visible).toContain('Go/No-Go: Go');
});

test('Decide Go with every item ticked asks for no override; No-Go is never gated', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openGoNoGo(t);
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: ACTION_IDS.pollDecideNoGo,
    value: String(poll.pollId),
  });
  const noGo = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[0]);
  expect(JSON.stringify(noGo)).not.toContain(BLOCK_IDS.pollOverride);
  const decided = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(noGo.id),
    values: { [BLOCK_IDS.pollRationale]: { [INPUT_ACTION_ID]: null } },
  });
  expect(decided.ack ?? '').toBe('');
  await pollShows(t, poll, 'Decision: No-Go');
  expect((await t.bot.store.decisions.forRelease(1)).map((d) => d.kind)).toEqual(['go_no_go']);
});
