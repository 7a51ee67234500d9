import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, visibleText } from '../../helpers/e2e.ts';
import { tickWholeChecklist } from '../../helpers/factories.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { click, openPoll, pollMessage, ROLE_HOLDERS, roleSection, settled, voteWithNote } from './poll-driver.ts';

test('a full go/no-go: four roles vote, one changes their mind, an outsider is turned away, the RM overrides with a rationale', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  // The checklist is done (the gate on Go is tested in go-no-go-gate.test.ts): this test is about the votes.
  await tickWholeChecklist(t.bot.deps, 1);
  const poll = await openPoll(t);
  expect(poll.reply).toContain('posted in');
  const opened = pollMessage(t, poll);
  expect(visibleText(opened)).toContain('2.4.0');
  expect(visibleText(opened)).toContain('2026-12-10');
  for (const [role, userId] of ROLE_HOLDERS) {
    expect(roleSection(t, poll, role)).toContain(`<@${userId}>`);
    expect(roleSection(t, poll, role)).toContain('waiting');
  }

  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await voteWithNote(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_conditions', 'Only if the <flaky> suite is green');
  await click(t, poll, CAST.devops.id, 'devops', 'poll_vote_go');
  await click(t, poll, CAST.po.id, 'product_owner', 'poll_vote_go');
  await settled(t, poll);
  expect(visibleText(pollMessage(t, poll))).toContain('Recommendation: Go');
  expect(roleSection(t, poll, 'qa_lead')).toContain('Only if the &lt;flaky&gt; suite is green');

  // The RM opens "Decide Go" while the recommendation is Go: the rationale is optional in that modal.
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: 'poll_decide_go',
    value: String(poll.pollId),
  });
  const decideView = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[0]);
  expect(JSON.stringify(decideView)).toContain('"Rationale"');

  // Meanwhile DevOps changes their mind: the old vote stays in the history.
  await voteWithNote(t, poll, CAST.devops.id, 'devops', 'poll_vote_no_go', 'The database migration is not rehearsed');
  await settled(t, poll);
  expect(roleSection(t, poll, 'devops')).toContain('No-Go');
  expect(visibleText(pollMessage(t, poll))).toContain('Recommendation: No-Go');
  const history = (await t.bot.store.polls.votes(poll.pollId)).filter((v) => v.role === 'devops');
  expect(history.map((v) => v.value)).toEqual(['go', 'no_go']);

  // An outsider clicks a vote button: told who can vote, nothing changes.
  const votesBefore = (await t.bot.store.polls.votes(poll.pollId)).length;
  await click(t, poll, CAST.outsider.id, 'tech_lead', 'poll_vote_no_go');
  const refusal = await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.outsider.id })[0]);
  expect(refusal.text).toContain(`<@${CAST.tech.id}>`);
  expect(refusal.text).toContain('Tech Lead');
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(votesBefore);
  expect(t.fake.openViews(CAST.outsider.id)).toHaveLength(0);

  // The RM submits Go with no rationale: now against the recommendation, so the modal says why and stays open.
  const refused = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(decideView.id),
    values: { poll_rationale: { value: null } },
  });
  expect(JSON.stringify(refused.ack)).toContain('"response_action":"errors"');
  expect(JSON.stringify(refused.ack)).toContain('rationale');
  expect(await t.bot.store.decisions.forRelease(1)).toHaveLength(0);
  const viewId = String(t.fake.openViews(CAST.rm.id).at(-1)?.id);
  const accepted = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId,
    values: { poll_rationale: { value: 'Migration rehearsed on staging <tonight>; DevOps on call' } },
  });
  expect(accepted.status).toBe(200);
  await settled(t, poll);

  const final = visibleText(pollMessage(t, poll));
  expect(final).toContain('Decision: Go');
  expect(final).toContain('against the recommendation');
  expect(final).toContain('Recommendation: No-Go');
  expect(final).toContain('The database migration is not rehearsed');
  expect(final).toContain('Migration rehearsed on staging &lt;tonight&gt;');
  expect(final).toContain(`<@${CAST.rm.id}>`);
  expect(final).not.toContain('poll_vote_go');
  expect(final).not.toContain('poll_decide_go');
  const notice = await t.fake.waitFor(() => t.fake.thread(CHANNEL, poll.ts)[0]);
  expect(notice.text).toContain('decided *Go* against the recommendation');
  expect((await t.bot.store.releases.findById(1))?.status).toBe('approved');

  const log = await t.command(CAST.outsider.id, 'decisions');
  expect(log.visible).toContain('Go/No-Go: Go');
  expect(log.visible).toContain('against the recommendation');
  expect(log.visible).toContain('Migration rehearsed on staging &lt;tonight&gt;');
  expect(log.visible).toContain(`<@${CAST.rm.id}>`);
});

test('a bot account clicking a vote button is refused and nothing changes; a double click counts once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  // The bot also holds the Tech Lead role: holding is allowed, voting is not.
  await t.command(CAST.rm.id, `role tech-lead <@${CAST.bot.id}>`);
  const poll = await openPoll(t);
  await click(t, poll, CAST.bot.id, 'tech_lead', 'poll_vote_go');
  const refusal = await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.bot.id })[0]);
  expect(refusal.text).toContain('is a bot');
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(0);

  await Promise.all([
    click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go'),
    click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go'),
  ]);
  await click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go');
  await settled(t, poll);
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(1);
});

test('50 concurrent clicks across the four roles end in a message equal to a render of the final database state', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  const clicks = Array.from({ length: 50 }, (_, i) => {
    const [role, userId] = ROLE_HOLDERS[i % 4] as (typeof ROLE_HOLDERS)[number];
    // Roles alternate click by click; every holder clicks ~12 times (double clicks and re-deliveries).
    return click(t, poll, userId, role, 'poll_vote_go');
  });
  const responses = await Promise.all(clicks);
  expect(responses.every((r) => r.status === 200)).toBe(true);
  await settled(t, poll);
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(4);
  expect(visibleText(pollMessage(t, poll))).toContain('Recommendation: Go');
  // Coalesced: far fewer updates than clicks.
  expect(t.fake.callsTo('chat.update').filter((c) => c.params.ts === poll.ts).length).toBeLessThan(20);
});

test('concurrent vote changes keep the full history and the message shows the latest of each role', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  // Each role alternates Go and Go-with-conditions (through the modal) many times, all at once.
  const rounds = await Promise.all(
    ROLE_HOLDERS.map(async ([role, userId]) => {
      for (let i = 0; i < 6; i += 1) {
        if (i % 2 === 0) await click(t, poll, userId, role, 'poll_vote_go');
        else await voteWithNote(t, poll, userId, role, 'poll_vote_conditions', `condition ${i} of ${role}`);
      }
    }),
  );
  expect(rounds).toHaveLength(4);
  await settled(t, poll);
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(24);
  for (const [role] of ROLE_HOLDERS) expect(roleSection(t, poll, role)).toContain(`condition 5 of ${role}`);
});
