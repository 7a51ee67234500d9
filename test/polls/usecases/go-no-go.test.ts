import { expect, test } from 'vitest';
import { listDecisions } from '../../../src/governance/usecases/list-decisions.ts';
import { castPollVote } from '../../../src/polls/usecases/cast-poll-vote.ts';
import { decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll, pollDeadlineKey } from '../../../src/polls/usecases/open-poll.ts';
import { remindPollDeadline } from '../../../src/polls/usecases/remind-poll-deadline.ts';
import { getHome } from '../../../src/releases/usecases/release-overview.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease, insertStaffedRelease, tickWholeChecklist } from '../../helpers/factories.ts';
import { CAST, TEAM } from '../../helpers/people.ts';

async function openedPoll(deps: ReturnType<typeof createTestDeps>, deadlineMs?: number) {
  const release = await insertStaffedRelease(deps);
  const result = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs });
  if (!result.ok) throw new Error(result.message);
  return { release, poll: result.poll };
}

const VOTERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

test('opening a poll posts it, stores the message, schedules the deadline and audits', async () => {
  const deps = createTestDeps();
  const { release, poll } = await openedPoll(deps, 2 * 3_600_000);
  expect(deps.pollMessenger.published).toEqual([poll.id]);
  expect(poll.messageTs).not.toBeNull();
  expect((await deps.store.timers.pending(release.id)).map((t) => t.key)).toEqual([pollDeadlineKey(poll.id)]);
  expect((await deps.store.audit.forRelease(release.id)).map((e) => e.action)).toContain('poll.opened');
  const again = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  expect(again).toMatchObject({ ok: false });
  expect(deps.pollMessenger.published).toHaveLength(1);
});

test('a poll cannot open while a voting role has no holder, nor by someone else than the RM', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  await deps.store.releases.assign({
    releaseId: release.id,
    role: 'rm',
    userId: CAST.rm.id,
    assignedBy: CAST.rm.id,
    assignedAt: deps.clock.now(),
  });
  const unheld = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  expect(unheld).toMatchObject({ ok: false });
  expect(!unheld.ok && unheld.message).toContain('/release role tech-lead @person');
  const staffed = await insertStaffedRelease(deps);
  const byQa = await openPoll(deps, {
    release: staffed,
    actorId: CAST.qa.id,
    activity: 'go_no_go',
    deadlineMs: undefined,
  });
  expect(!byQa.ok && byQa.message).toContain('Only the Release Manager');
  expect(await deps.store.polls.listOpen(staffed.id)).toHaveLength(0);
});

test('if posting fails the poll stays open and running the command again posts it', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  const publish = deps.pollMessenger.publish;
  deps.pollMessenger.publish = async () => {
    throw new Error('channel_not_found');
  };
  const failed = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  expect(!failed.ok && failed.message).toContain('run the command again');
  deps.pollMessenger.publish = publish;
  const retried = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  expect(retried).toMatchObject({ ok: true, published: true });
  expect(await deps.store.polls.listOpen(release.id)).toHaveLength(1);
});

test('votes are appended, the version grows with each change, a repeat writes nothing', async () => {
  const deps = createTestDeps();
  const { poll } = await openedPoll(deps);
  const first = await castPollVote(deps, {
    pollId: poll.id,
    role: 'qa_lead',
    voterId: CAST.qa.id,
    value: 'no_go',
    note: 'bug',
  });
  expect(first).toMatchObject({ ok: true, changed: true });
  const repeat = await castPollVote(deps, {
    pollId: poll.id,
    role: 'qa_lead',
    voterId: CAST.qa.id,
    value: 'no_go',
    note: 'bug',
  });
  expect(repeat).toMatchObject({ ok: true, changed: false });
  deps.clock.advance(60_000);
  await castPollVote(deps, { pollId: poll.id, role: 'qa_lead', voterId: CAST.qa.id, value: 'go' });
  const votes = await deps.store.polls.votes(poll.id);
  expect(votes.map((v) => [v.value, v.note])).toEqual([
    ['no_go', 'bug'],
    ['go', null],
  ]);
  expect(votes[1]?.at.getTime()).toBeGreaterThan(votes[0]?.at.getTime() ?? 0);
  expect((await deps.store.polls.findById(poll.id))?.version).toBe((poll.version ?? 0) + 2);
  const refused = await castPollVote(deps, {
    pollId: poll.id,
    role: 'qa_lead',
    voterId: CAST.outsider.id,
    value: 'go',
  });
  expect(refused).toMatchObject({ ok: false, reason: 'not_a_holder' });
  expect(await deps.store.polls.votes(poll.id)).toHaveLength(2);
});

test('deciding Go records the decision with the tally, approves the release and cancels the deadline', async () => {
  const deps = createTestDeps();
  const { release, poll } = await openedPoll(deps, 3_600_000);
  await tickWholeChecklist(deps, release.id);
  for (const [role, userId] of VOTERS) {
    const value = role === 'qa_lead' ? 'go_with_conditions' : 'go';
    await castPollVote(deps, {
      pollId: poll.id,
      role,
      voterId: userId,
      value,
      note: value === 'go' ? null : 'smoke tests green',
    });
  }
  const result = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go' });
  expect(result).toMatchObject({ ok: true, againstRecommendation: false });
  expect((await deps.store.releases.findById(release.id))?.status).toBe('approved');
  expect(await deps.store.timers.pending(release.id)).toHaveLength(0);
  const [decision] = await deps.store.decisions.forRelease(release.id);
  expect(decision).toMatchObject({ kind: 'go_no_go', outcome: 'go', decidedBy: CAST.rm.id, rationale: null });
  expect(decision?.details).toMatchObject({
    recommendation: { side: 'go', conditions: [{ role: 'qa_lead', note: 'smoke tests green' }] },
    overridden: null,
  });
  const again = await decidePoll(deps, {
    pollId: poll.id,
    deciderId: CAST.rm.id,
    side: 'no_go',
    rationale: 'changed my mind',
  });
  expect(again).toMatchObject({ ok: false });
  expect(await deps.store.decisions.forRelease(release.id)).toHaveLength(1);
  const late = await castPollVote(deps, {
    pollId: poll.id,
    role: 'qa_lead',
    voterId: CAST.qa.id,
    value: 'no_go',
    note: 'late',
  });
  expect(late).toMatchObject({ ok: false, reason: 'poll_closed' });
});

test('deciding against the recommendation needs a rationale and keeps the overridden side', async () => {
  const deps = createTestDeps();
  const { release, poll } = await openedPoll(deps);
  await tickWholeChecklist(deps, release.id);
  await castPollVote(deps, {
    pollId: poll.id,
    role: 'devops',
    voterId: CAST.devops.id,
    value: 'no_go',
    note: 'no rehearsal',
  });
  const refused = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go', rationale: ' ' });
  expect(refused).toMatchObject({ ok: false, field: 'rationale' });
  expect((await deps.store.polls.findById(poll.id))?.status).toBe('open');
  const byTech = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.tech.id, side: 'no_go' });
  expect(byTech).toMatchObject({ ok: false });
  const decided = await decidePoll(deps, {
    pollId: poll.id,
    deciderId: CAST.rm.id,
    side: 'go',
    rationale: 'rehearsed tonight',
  });
  expect(decided).toMatchObject({ ok: true, againstRecommendation: true });
  const log = await listDecisions(deps, { teamId: TEAM, release: undefined });
  expect(log.entries[0]).toMatchObject({ outcome: 'go', rationale: 'rehearsed tonight', releaseName: release.name });
  expect(log.entries[0]?.details).toMatchObject({
    againstRecommendation: true,
    overridden: { side: 'no_go', objections: [{ role: 'devops', note: 'no rehearsal' }] },
  });
});

test('a No-Go leaves the release in planning and a new poll may open', async () => {
  const deps = createTestDeps();
  const { release, poll } = await openedPoll(deps);
  await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'no_go' });
  expect((await deps.store.releases.findById(release.id))?.status).toBe('planning');
  const next = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  expect(next).toMatchObject({ ok: true });
});

test('the deadline reminder names only who has not voted and the RM, once, and never after the decision', async () => {
  const deps = createTestDeps();
  const { poll } = await openedPoll(deps, 3_600_000);
  await castPollVote(deps, { pollId: poll.id, role: 'tech_lead', voterId: CAST.tech.id, value: 'go' });
  expect(await remindPollDeadline(deps, poll.id)).toBe('reminded');
  const [reminder] = deps.pollMessenger.threads;
  expect(reminder?.text).toContain(`<@${CAST.qa.id}>`);
  expect(reminder?.text).toContain(`<@${CAST.rm.id}>`);
  expect(reminder?.text).not.toContain(`<@${CAST.tech.id}>`);
  expect(await remindPollDeadline(deps, poll.id)).toBe('skipped');
  expect(deps.pollMessenger.threads).toHaveLength(1);
});

test('the App Home asks for missing votes and, once all voted, asks the RM to decide', async () => {
  const deps = createTestDeps();
  const { poll } = await openedPoll(deps);
  const buttonsFor = async (userId: string) =>
    (await getHome(deps, TEAM, userId)).flatMap((item) => item.actions.map((a) => `${a.button?.label}: ${a.text}`));
  expect(await buttonsFor(CAST.qa.id)).toContain('Vote: Go/No-Go: your vote as QA Lead');
  expect((await buttonsFor(CAST.rm.id)).join('\n')).not.toContain('Decide:');
  for (const [role, userId] of VOTERS)
    await castPollVote(deps, { pollId: poll.id, role, voterId: userId, value: 'go' });
  expect((await buttonsFor(CAST.qa.id)).join('\n')).not.toContain('Vote:');
  expect((await buttonsFor(CAST.rm.id)).join('\n')).toContain('Decide: Go/No-Go: everyone has voted');
});
