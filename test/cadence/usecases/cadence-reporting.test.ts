import { expect, test } from 'vitest';
import { standupMetricsSource, standupRecordSection } from '../../../src/cadence/usecases/standup-reporting.ts';
import type { Release } from '../../../src/core/domain/release.ts';
import type { Vote } from '../../../src/polls/domain/go-no-go.ts';
import { changedVotes, votesMetricsSource, votesRecordSection } from '../../../src/polls/usecases/poll-reporting.ts';
import { buildReleaseRecordMarkdown } from '../../../src/reporting/domain/release-record.ts';
import { getMetrics } from '../../../src/reporting/usecases/get-metrics.ts';
import { getReleaseRecord } from '../../../src/reporting/usecases/get-release-record.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST, TEAM } from '../../helpers/people.ts';

type TestDeps = ReturnType<typeof createTestDeps>;
const HOUR = 3_600_000;

async function finish(deps: TestDeps, release: Release) {
  await deps.store.releases.setStatus(release.id, 'shipped', deps.clock.now());
  await deps.store.releases.setStatus(release.id, 'done', deps.clock.now());
}

/** A posted standup on `slot` with the given answers (hours after the prompt) and, optionally, a summary. */
async function standupWith(
  deps: TestDeps,
  release: Release,
  slot: string,
  answers: Array<{ userId: string; answers: Record<string, Record<string, string>>; afterHours: number }>,
  options: { summaryAfterHours?: number; posted?: boolean } = {},
) {
  const promptedAt = new Date(`${slot}T08:30:00Z`);
  const standup = await deps.store.standups.open({
    releaseId: release.id,
    slot,
    channelId: release.channelId,
    at: promptedAt,
  });
  if (options.posted !== false) await deps.store.standups.setMessage(standup.id, `17000.${standup.id}`);
  for (const a of answers) {
    await deps.store.standups.saveAnswer({
      standupId: standup.id,
      userId: a.userId,
      answers: a.answers,
      at: new Date(promptedAt.getTime() + a.afterHours * HOUR),
    });
  }
  if (options.summaryAfterHours !== undefined) {
    await deps.store.standups.setSummary(
      standup.id,
      `17001.${standup.id}`,
      new Date(promptedAt.getTime() + options.summaryAfterHours * HOUR),
    );
  }
  return standup;
}

test('standup response: people asked per posted standup, answers counted up to the summary', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps); // five role holders, assigned before every standup
  await standupWith(
    deps,
    release,
    '2026-12-01',
    [
      { userId: CAST.tech.id, answers: { tech_lead: { blockers: 'none' } }, afterHours: 1 },
      { userId: CAST.rm.id, answers: { rm: { status: 'on_track' } }, afterHours: 2 },
      { userId: CAST.qa.id, answers: { qa_lead: { passed: '1', failed: '0', bugs: '-' } }, afterHours: 5 }, // late
    ],
    { summaryAfterHours: 4 },
  );
  await standupWith(deps, release, '2026-12-02', [
    { userId: CAST.devops.id, answers: { devops: { infra: 'ok', readiness: 'ready' } }, afterHours: 1 },
  ]); // no summary (the release ended first): every answer counts
  await standupWith(deps, release, '2026-12-03', [], { posted: false }); // never posted: asked nobody
  expect(await standupMetricsSource(deps, release)).toEqual({ standups: { prompted: 10, answered: 3 } });

  deps.clock.set('2026-12-10T12:00:00Z');
  await finish(deps, release);
  const metric = (await getMetrics(deps, { teamId: TEAM, last: 10 })).metrics.find((m) => m.key === 'standup_response');
  expect(metric?.value).toEqual({ kind: 'rate', numerator: 3, denominator: 10 });
  expect(metric?.basis).toBe(1);
});

test('someone who took a role after the prompt is not counted as asked, unless they answered', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  await standupWith(deps, release, '2026-12-01', [], { summaryAfterHours: 4 });
  await deps.store.releases.assign({
    releaseId: release.id,
    role: 'qa_lead',
    userId: CAST.outsider.id,
    assignedBy: CAST.rm.id,
    assignedAt: new Date('2026-12-01T10:00:00Z'),
  });
  expect(await standupMetricsSource(deps, release)).toEqual({ standups: { prompted: 5, answered: 0 } });
});

test('a release without a posted standup or a vote gives no data, not zero', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  expect(await standupMetricsSource(deps, release)).toEqual({});
  expect(await votesMetricsSource(deps, release)).toEqual({});
  await finish(deps, release);
  const metrics = (await getMetrics(deps, { teamId: TEAM, last: 10 })).metrics;
  expect(metrics.find((m) => m.key === 'standup_response')?.value.kind).toBe('no_data');
  expect(metrics.find((m) => m.key === 'votes_changed')?.value.kind).toBe('no_data');
  const record = await getReleaseRecord(deps, { release, actorId: CAST.rm.id });
  const markdown = buildReleaseRecordMarkdown(record);
  expect(markdown).toMatch(/## Votes\n\nNothing recorded\./);
  expect(markdown).toMatch(/## Standup summaries\n\nNothing recorded\./);
});

function vote(pollId: number, role: Vote['role'], voterId: string, value: Vote['value'], at: string, note?: string) {
  return { pollId, role, voterId, value, note: note ?? null, at: new Date(at) };
}

async function pollWithVotes(deps: TestDeps, release: Release, activity: 'go_no_go' | 'rollback', votes: Vote[][]) {
  const poll = await deps.store.polls.insert({
    teamId: TEAM,
    releaseId: release.id,
    activity,
    channelId: release.channelId,
    deadlineAt: null,
    openedBy: CAST.rm.id,
    openedAt: new Date('2026-12-09T09:00:00Z'),
  });
  for (const v of votes.flat()) await deps.store.polls.addVote({ ...v, pollId: poll.id });
  return poll;
}

test('changed votes: a later different value by the same voter for the same role in the same poll', () => {
  const history = [
    vote(1, 'tech_lead', CAST.tech.id, 'go', '2026-12-09T09:01:00Z'),
    vote(1, 'qa_lead', CAST.qa.id, 'no_go', '2026-12-09T09:02:00Z', 'bugs'),
    vote(1, 'qa_lead', CAST.qa.id, 'no_go', '2026-12-09T09:03:00Z', 'fewer bugs'), // note only: not a change
    vote(1, 'qa_lead', CAST.qa.id, 'go', '2026-12-09T09:04:00Z'), // a change
    vote(1, 'tech_lead', CAST.outsider.id, 'no_go', '2026-12-09T09:05:00Z', 'x'), // another voter: not a change
    vote(1, 'tech_lead', CAST.tech.id, 'go_with_conditions', '2026-12-09T09:06:00Z', 'if CI'), // a change
  ];
  expect(changedVotes(history).map((v) => v.at.toISOString())).toEqual([
    '2026-12-09T09:04:00.000Z',
    '2026-12-09T09:06:00.000Z',
  ]);
});

test('votes reach the metrics and the exported record, per poll, with the decision and notes escaped', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  const go = await pollWithVotes(deps, release, 'go_no_go', [
    [vote(0, 'tech_lead', CAST.tech.id, 'go', '2026-12-09T09:01:00Z')],
    [vote(0, 'qa_lead', CAST.qa.id, 'no_go', '2026-12-09T09:02:00Z', 'S1 <!here> | *open*')],
    [vote(0, 'qa_lead', CAST.qa.id, 'go', '2026-12-09T09:30:00Z')],
  ]);
  await deps.store.polls.decide(go.id, {
    side: 'go',
    decidedBy: CAST.rm.id,
    decidedAt: new Date('2026-12-09T10:00:00Z'),
    rationale: 'all green',
  });
  await pollWithVotes(deps, release, 'rollback', [
    [vote(0, 'devops', CAST.devops.id, 'no_go', '2026-12-10T09:00:00Z', 'fine')],
  ]);
  expect(await votesMetricsSource(deps, release)).toEqual({ votes: { cast: 4, changed: 1 } });

  const [section] = await votesRecordSection(deps, release);
  expect(section?.title).toBe('Votes');
  const text = section?.lines.join('\n') ?? '';
  expect(text).toContain(`**Go/No-Go** poll #${go.id}, opened 2026-12-09 09:00 UTC by <@${CAST.rm.id}>`);
  expect(text).toContain(`2026-12-09 09:02 UTC · QA Lead <@${CAST.qa.id}>: No-Go — S1 \\<!here\\> \\| \\*open\\*`);
  expect(text).toContain(`2026-12-09 09:30 UTC · QA Lead <@${CAST.qa.id}>: Go (changed)`);
  expect(text).toContain(`Decision: **Go** by <@${CAST.rm.id}> 2026-12-09 10:00 UTC — all green`);
  expect(text).toContain('**Rollback decision** poll');
  expect(text).toContain("Don't roll back — fine");
  expect(text).toContain('Decision: none yet (the poll is open)');

  deps.clock.set('2026-12-10T12:00:00Z');
  await finish(deps, release);
  const metric = (await getMetrics(deps, { teamId: TEAM, last: 10 })).metrics.find((m) => m.key === 'votes_changed');
  expect(metric?.value).toEqual({ kind: 'rate', numerator: 1, denominator: 4 });
});

test('standup summaries in the exported record: who answered, status, blockers escaped, who did not', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  await standupWith(
    deps,
    release,
    '2026-12-01',
    [
      { userId: CAST.tech.id, answers: { tech_lead: { blockers: 'CI <!channel> | down' } }, afterHours: 1 },
      { userId: CAST.rm.id, answers: { rm: { status: 'at_risk' } }, afterHours: 1 },
      {
        userId: CAST.devops.id,
        answers: { devops: { infra: 'ok', readiness: 'not_ready', why: '*no* certs' } },
        afterHours: 2,
      },
    ],
    { summaryAfterHours: 4 },
  );
  const [section] = await standupRecordSection(deps, release);
  expect(section?.title).toBe('Standup summaries');
  const text = section?.lines.join('\n') ?? '';
  expect(text).toContain('- **2026-12-01** (prompted 2026-12-01 08:30 UTC, summary 2026-12-01 12:30 UTC)');
  expect(text).toContain(`Answered: <@${CAST.tech.id}> (Tech Lead)`);
  expect(text).toContain('Status: overall At risk; deployment Not ready; tests not given');
  expect(text).toContain(`Blocker (<@${CAST.tech.id}>): CI \\<!channel\\> \\| down`);
  expect(text).toContain(`Not ready for deployment (<@${CAST.devops.id}>): \\*no\\* certs`);
  expect(text).toContain(`Did not answer: <@${CAST.qa.id}> (QA Lead), <@${CAST.po.id}> (Product Owner)`);
  expect(text).not.toContain('<!channel>');

  const markdown = buildReleaseRecordMarkdown(await getReleaseRecord(deps, { release, actorId: CAST.rm.id }));
  expect(markdown).toContain('## Standup summaries');
  expect(markdown).toContain('CI \\<!channel\\> \\| down');
});
