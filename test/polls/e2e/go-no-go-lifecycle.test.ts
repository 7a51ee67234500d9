import { expect, test } from 'vitest';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { createStaffedRelease, startTestBot, visibleText } from '../../helpers/e2e.ts';
import { goThroughSlack } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { click, decide, openPoll, pollMessage, ROLE_HOLDERS, settled, voteWithNote } from './poll-driver.ts';

test('a restart mid-poll loses nothing: the old message buttons still work', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await voteWithNote(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_no_go', 'Regression in checkout');
  await settled(t, poll);
  await t.restart();
  await click(t, poll, CAST.devops.id, 'devops', 'poll_vote_go');
  await click(t, poll, CAST.po.id, 'product_owner', 'poll_vote_go');
  await settled(t, poll);
  const text = visibleText(pollMessage(t, poll));
  expect(text).toContain('Regression in checkout');
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(4);
  await decide(t, poll, CAST.rm.id, 'no_go');
  await settled(t, poll);
  expect(visibleText(pollMessage(t, poll))).toContain('Decision: No-Go');
  expect((await t.bot.store.releases.findById(1))?.status).toBe('planning');
  // A No-Go leaves the release open for a new poll.
  const again = await openPoll(t);
  expect(again.pollId).not.toBe(poll.pollId);
});

test('at the deadline one reminder in the thread mentions only those who have not voted, and the RM', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t, 'gonogo deadline:2h');
  expect(poll.reply).toContain('remind');
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await click(t, poll, CAST.po.id, 'product_owner', 'poll_vote_go');
  await settled(t, poll);

  t.clock.advance(60 * 60_000);
  await t.tick();
  expect(t.fake.thread(CHANNEL, poll.ts)).toHaveLength(0);

  await t.restart();
  t.clock.advance(61 * 60_000);
  await t.tick();
  const reminder = await t.fake.waitFor(() => t.fake.thread(CHANNEL, poll.ts)[0]);
  expect(reminder.text).toContain(`<@${CAST.qa.id}>`);
  expect(reminder.text).toContain(`<@${CAST.devops.id}>`);
  expect(reminder.text).toContain(`<@${CAST.rm.id}>`);
  expect(reminder.text).not.toContain(`<@${CAST.tech.id}>`);
  expect(reminder.text).not.toContain(`<@${CAST.po.id}>`);

  t.clock.advance(24 * 60 * 60_000);
  await t.tick();
  expect(t.fake.thread(CHANNEL, poll.ts)).toHaveLength(1);
  // The poll stays open: votes still count.
  await click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go');
  await settled(t, poll);
  expect(await t.bot.store.polls.votes(poll.pollId)).toHaveLength(3);
});

test('only the RM opens the go/no-go, one at a time; bad deadlines are explained', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const byTech = await t.command(CAST.tech.id, 'gonogo');
  expect(byTech.visible).toContain('Only the Release Manager');
  const bad = await t.command(CAST.rm.id, 'gonogo deadline:soon');
  expect(bad.visible).toContain('`soon` is not a duration');
  expect(bad.visible).toContain('Example');
  await openPoll(t);
  const twice = await t.command(CAST.rm.id, 'gonogo');
  expect(twice.visible).toContain('already open');
  const rollback = await t.command(CAST.devops.id, 'rollback');
  expect(rollback.visible).toContain('needs it to be approved for deployment or shipped');
});

test('the rollback poll: Tech Lead and DevOps vote, QA and PO are consulted, DevOps may open it', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  // Shipping needs a Go since issue 13: the setup takes the release through one (poll 1), so this poll is number 2.
  await goThroughSlack(t);
  await commandPosting(t, CAST.rm.id, 'ship');
  const before = t.fake.messages(CHANNEL).length;
  const opened = await t.command(CAST.devops.id, 'rollback');
  expect(opened.visible).toContain('posted in');
  const message = await t.fake.waitFor(() =>
    t.fake
      .messages(CHANNEL)
      .slice(before)
      .find((m) => m.text.startsWith('Rollback')),
  );
  const text = visibleText(message);
  expect(text).toContain('poll_role:tech_lead');
  expect(text).toContain('poll_role:devops');
  expect(text).not.toContain('poll_role:qa_lead');
  expect(text).toContain('Consulted');
  const poll = { ts: message.ts, pollId: 2 };
  await click(t, poll, CAST.qa.id, 'tech_lead', 'poll_vote_go');
  const refusal = await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.qa.id })[0]);
  expect(refusal.text).toContain('Tech Lead');
});

test('status shows the open poll and the App Home asks holders to vote and the RM to decide', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await settled(t, poll);
  const status = await t.command(CAST.outsider.id, 'status');
  expect(status.visible).toContain('Go/No-Go open');
  expect(status.visible).toContain('1/4 voted');

  await t.driver.openHome(CAST.qa.id);
  const qaHome = await t.fake.waitFor(() => t.fake.homeView(CAST.qa.id));
  expect(JSON.stringify(qaHome)).toContain('your vote as QA Lead');
  await t.driver.openHome(CAST.tech.id);
  const techHome = await t.fake.waitFor(() => t.fake.homeView(CAST.tech.id));
  expect(JSON.stringify(techHome)).not.toContain('your vote as');

  for (const [role, userId] of ROLE_HOLDERS.slice(1)) await click(t, poll, userId, role, 'poll_vote_go');
  await settled(t, poll);
  await t.driver.openHome(CAST.rm.id);
  await t.fake.waitFor(() => JSON.stringify(t.fake.homeView(CAST.rm.id) ?? '').includes('everyone has voted'));
});
