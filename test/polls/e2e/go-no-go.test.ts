import { expect, test } from 'vitest';
import { buildPollMessage } from '../../../src/polls/slack/views/go-no-go-poll.ts';
import { getPollView } from '../../../src/polls/usecases/poll-view.ts';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { tickWholeChecklist } from '../../helpers/factories.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const ROLE_HOLDERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

type Poll = { ts: string; pollId: number };

async function openPoll(t: TestBot, text = 'gonogo', title = 'Go/No-Go'): Promise<Poll & { reply: string }> {
  const before = t.fake.messages(CHANNEL).length;
  const outcome = await t.command(CAST.rm.id, text);
  const message = await t.fake.waitFor(() =>
    t.fake
      .messages(CHANNEL)
      .slice(before)
      .find((m) => m.text.startsWith(title)),
  );
  const decideBlock = message.blocks.find((b) => b.block_id === 'poll_decide') as
    | { elements: Array<{ value: string }> }
    | undefined;
  const pollId = Number(decideBlock?.elements[0]?.value ?? Number.NaN);
  if (!Number.isInteger(pollId)) throw new Error('the poll message has no decide buttons');
  return { ts: message.ts, pollId, reply: outcome.visible };
}

function pollMessage(t: TestBot, poll: Poll): FakeMessage {
  const message = t.fake.message(CHANNEL, poll.ts);
  if (!message) throw new Error('the poll message is gone');
  return message;
}

function roleSection(t: TestBot, poll: Poll, role: string): string {
  const block = pollMessage(t, poll).blocks.find((b) => b.block_id === `poll_role:${role}`);
  return JSON.stringify(block ?? null);
}

function click(t: TestBot, poll: Poll, userId: string, role: string, actionId: string) {
  return t.driver.clickButton({
    userId,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId,
    value: `${poll.pollId}:${role}`,
  });
}

async function voteWithNote(t: TestBot, poll: Poll, userId: string, role: string, actionId: string, note: string) {
  const before = t.fake.openViews(userId).length;
  await click(t, poll, userId, role, actionId);
  const view = await t.fake.waitFor(() => t.fake.openViews(userId)[before]);
  return t.driver.submitView({ userId, viewId: String(view.id), values: { poll_note: { value: note } } });
}

async function decide(t: TestBot, poll: Poll, userId: string, side: 'go' | 'no_go', rationale?: string) {
  const before = t.fake.openViews(userId).length;
  await t.driver.clickButton({
    userId,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: side === 'go' ? 'poll_decide_go' : 'poll_decide_no_go',
    value: String(poll.pollId),
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(userId)[before]);
  return t.driver.submitView({
    userId,
    viewId: String(view.id),
    values: { poll_rationale: { value: rationale ?? null } },
  });
}

/** The message as Slack shows it, compared with a fresh render of the database (Slack adds missing block ids). */
function matchesDatabase(t: TestBot, poll: Poll): boolean {
  const view = getPollView(t.bot.deps, poll.pollId);
  if (!view) return false;
  const expected = buildPollMessage(view);
  const actual = pollMessage(t, poll);
  const blocks = actual.blocks.map((block, i) => {
    const copy = { ...block };
    if ((expected.blocks[i] as { block_id?: string } | undefined)?.block_id === undefined) delete copy.block_id;
    return copy;
  });
  return actual.text === expected.text && JSON.stringify(blocks) === JSON.stringify(expected.blocks);
}

/** Waits for every click's work after its ack, then for the message to show the database state. */
async function settled(t: TestBot, poll: Poll): Promise<void> {
  await t.bot.idle(5000);
  await t.fake.waitFor(() => matchesDatabase(t, poll), { timeoutMs: 5000 });
}

test('a full go/no-go: four roles vote, one changes their mind, an outsider is turned away, the RM overrides with a rationale', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  // The checklist is done (the gate on Go is tested in go-no-go-gate.test.ts): this test is about the votes.
  tickWholeChecklist(t.bot.deps, 1);
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
  expect(JSON.stringify(decideView)).toContain('Rationale (optional)');

  // Meanwhile DevOps changes their mind: the old vote stays in the history.
  await voteWithNote(t, poll, CAST.devops.id, 'devops', 'poll_vote_no_go', 'The database migration is not rehearsed');
  await settled(t, poll);
  expect(roleSection(t, poll, 'devops')).toContain('No-Go');
  expect(visibleText(pollMessage(t, poll))).toContain('Recommendation: No-Go');
  const history = t.bot.store.polls.votes(poll.pollId).filter((v) => v.role === 'devops');
  expect(history.map((v) => v.value)).toEqual(['go', 'no_go']);

  // An outsider clicks a vote button: told who can vote, nothing changes.
  const votesBefore = t.bot.store.polls.votes(poll.pollId).length;
  await click(t, poll, CAST.outsider.id, 'tech_lead', 'poll_vote_no_go');
  const refusal = await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.outsider.id })[0]);
  expect(refusal.text).toContain(`<@${CAST.tech.id}>`);
  expect(refusal.text).toContain('Tech Lead');
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(votesBefore);
  expect(t.fake.openViews(CAST.outsider.id)).toHaveLength(0);

  // The RM submits Go with no rationale: now against the recommendation, so the modal says why and stays open.
  const refused = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(decideView.id),
    values: { poll_rationale: { value: null } },
  });
  expect(JSON.stringify(refused.ack)).toContain('"response_action":"errors"');
  expect(JSON.stringify(refused.ack)).toContain('rationale');
  expect(t.bot.store.decisions.forRelease(1)).toHaveLength(0);
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
  expect(t.bot.store.releases.findById(1)?.status).toBe('approved');

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
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(0);

  await Promise.all([
    click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go'),
    click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go'),
  ]);
  await click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_go');
  await settled(t, poll);
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(1);
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
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(4);
  expect(visibleText(pollMessage(t, poll))).toContain('Recommendation: Go');
  // Coalesced: far fewer updates than clicks.
  expect(t.fake.callsTo('chat.update').length).toBeLessThan(20);
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
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(24);
  for (const [role] of ROLE_HOLDERS) expect(roleSection(t, poll, role)).toContain(`condition 5 of ${role}`);
});

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
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(4);
  await decide(t, poll, CAST.rm.id, 'no_go');
  await settled(t, poll);
  expect(visibleText(pollMessage(t, poll))).toContain('Decision: No-Go');
  expect(t.bot.store.releases.findById(1)?.status).toBe('planning');
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
  expect(t.bot.store.polls.votes(poll.pollId)).toHaveLength(3);
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
  const poll = { ts: message.ts, pollId: 1 };
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
  expect(JSON.stringify(qaHome)).toContain('Vote on the go/no-go');
  await t.driver.openHome(CAST.tech.id);
  const techHome = await t.fake.waitFor(() => t.fake.homeView(CAST.tech.id));
  expect(JSON.stringify(techHome)).not.toContain('Vote on the go/no-go');

  for (const [role, userId] of ROLE_HOLDERS.slice(1)) await click(t, poll, userId, role, 'poll_vote_go');
  await settled(t, poll);
  await t.driver.openHome(CAST.rm.id);
  await t.fake.waitFor(() => JSON.stringify(t.fake.homeView(CAST.rm.id) ?? '').includes('Decide the go/no-go'));
});
