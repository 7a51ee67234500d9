import { expect, test } from 'vitest';
import type { RiskReport } from '../../../src/cadence/domain/risk.ts';
import type { StandupSummary } from '../../../src/cadence/domain/standup.ts';
import {
  RETRO_TIMERS,
  retroPromptTimer,
  retroSummaryTimer,
  saveRetroAnswer,
} from '../../../src/cadence/usecases/retrospective.ts';
import { postRiskReport } from '../../../src/cadence/usecases/risk-report.ts';
import { addRisk, closeRisk } from '../../../src/cadence/usecases/risks.ts';
import { draftStandupEscalation } from '../../../src/cadence/usecases/standup-escalation.ts';
import {
  remindStandup,
  STANDUP_TIMERS,
  saveStandupAnswer,
  startStandupNow,
  summarizeStandupNow,
} from '../../../src/cadence/usecases/standups.ts';
import type { Timer } from '../../../src/core/domain/timers.ts';
import { acknowledgeEscalation } from '../../../src/escalation/usecases/acknowledge-escalation.ts';
import { raiseEscalation } from '../../../src/escalation/usecases/raise-escalation.ts';
import { resolveEscalation } from '../../../src/escalation/usecases/resolve-escalation.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST } from '../../helpers/people.ts';

type TestDeps = ReturnType<typeof createTestDeps>;
const HOUR = 3_600_000;

async function timer(deps: TestDeps, releaseId: number, kind: string): Promise<Timer> {
  const found = (await deps.store.timers.pending(releaseId)).find((t) => t.kind === kind);
  if (!found) throw new Error(`no ${kind} timer`);
  return found;
}

function postsOf(deps: TestDeps, method: string) {
  return deps.messengers.posts.filter((p) => p.method === method);
}

async function standupToday(deps: TestDeps) {
  const release = await insertStaffedRelease(deps);
  deps.clock.set('2026-12-01T08:30:00Z');
  const started = await startStandupNow(deps, { release, actorId: CAST.rm.id, owner: 'test' });
  if (!started.ok) throw new Error(started.message);
  return { release, standup: started.standup };
}

test('the standup reminder goes once, only to role holders who have not answered, and not after the cut-off', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const { release, standup } = await standupToday(deps);
  expect(
    (
      await saveStandupAnswer(deps, {
        standupId: standup.id,
        userId: CAST.tech.id,
        raw: { tech_lead: { blockers: 'none' } },
      })
    ).ok,
  ).toBe(true);
  expect(
    (
      await saveStandupAnswer(deps, {
        standupId: standup.id,
        userId: CAST.devops.id,
        raw: { devops: { infra: 'green', readiness: 'ready' } },
      })
    ).ok,
  ).toBe(true);
  const reminder = await timer(deps, release.id, STANDUP_TIMERS.reminder);
  deps.clock.advance(2 * HOUR);
  await remindStandup(deps, reminder, deps.clock.now());
  const reminders = postsOf(deps, 'remind');
  expect(reminders).toHaveLength(1);
  const userIds = (reminders[0]!.input as { userIds: string[] }).userIds;
  expect([...userIds].sort()).toEqual([CAST.rm.id, CAST.qa.id, CAST.po.id].sort());
  await remindStandup(deps, reminder, deps.clock.now()); // a retried timer reminds nobody twice
  expect(postsOf(deps, 'remind')).toHaveLength(1);
});

test('a reminder that comes due only after the cut-off is skipped: the summary names who is missing', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const { release } = await standupToday(deps);
  const reminder = await timer(deps, release.id, STANDUP_TIMERS.reminder);
  deps.clock.advance(5 * HOUR); // the bot was down past the cut-off
  await remindStandup(deps, reminder, deps.clock.now());
  expect(postsOf(deps, 'remind')).toEqual([]);
  await summarizeStandupNow(deps, await timer(deps, release.id, STANDUP_TIMERS.summary), deps.clock.now());
  const summary = (postsOf(deps, 'postSummary')[0]!.input as { summary: StandupSummary }).summary;
  expect(summary.answered).toEqual([]);
  expect(summary.missing.map((m) => m.userId)).toHaveLength(5);
});

test('the escalation a standup call-out proposes: blocker and not ready → blocker, off track → delay', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const { standup } = await standupToday(deps);
  const save = async (userId: string, raw: Parameters<typeof saveStandupAnswer>[1]['raw']) => {
    const saved = await saveStandupAnswer(deps, { standupId: standup.id, userId, raw });
    if (!saved.ok) throw new Error(saved.message);
    return saved.answers[0]!;
  };
  const tech = await save(CAST.tech.id, { tech_lead: { blockers: 'CI <!here> down' } });
  const devops = await save(CAST.devops.id, { devops: { infra: 'ok', readiness: 'not_ready', why: 'no certs' } });
  const rm = await save(CAST.rm.id, { rm: { status: 'off_track', notes: 'two weeks late' } });

  const blocker = await draftStandupEscalation(deps, { answerId: tech.id, kind: 'blocker' });
  expect(blocker).toMatchObject({ ok: true, draft: { category: 'blocker' } });
  if (!blocker.ok) return;
  expect(blocker.draft.summary).toBe(
    'Blocker from the 2026-12-01 standup, reported by utech (Tech Lead): CI <!here> down',
  );
  const notReady = await draftStandupEscalation(deps, { answerId: devops.id }); // old button: no kind
  expect(notReady).toMatchObject({ ok: true, draft: { category: 'blocker' } });
  if (notReady.ok) expect(notReady.draft.summary).toContain('Deployment not ready');
  if (notReady.ok) expect(notReady.draft.summary).toContain('no certs');
  const off = await draftStandupEscalation(deps, { answerId: rm.id, kind: 'off_track' });
  expect(off).toMatchObject({ ok: true, draft: { category: 'delay' } });

  expect(await draftStandupEscalation(deps, { answerId: 9999 })).toMatchObject({ ok: false });
  await save(CAST.tech.id, { tech_lead: { blockers: 'none' } });
  const gone = await draftStandupEscalation(deps, { answerId: tech.id, kind: 'blocker' });
  expect(gone).toMatchObject({ ok: false });
  if (!gone.ok) expect(gone.message).toContain('no longer reports a blocker');
});

test('the weekly risk report: risks by score, trend against last week, open escalations escaped', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  const add = async (title: string, severity: number, likelihood: number) => {
    const added = await addRisk(deps, {
      release,
      actorId: CAST.rm.id,
      draft: { title, severity: String(severity), likelihood: String(likelihood), ownerId: CAST.tech.id },
    });
    if (!added.ok) throw new Error(added.message);
    return added.risk;
  };
  await add('Low', 1, 2);
  const mid = await add('Mid', 3, 3);
  await postRiskReport(deps, release, null); // last week: 2 open
  deps.clock.advance(7 * 24 * HOUR);
  await add('High', 5, 4);
  await add('Also mid', 2, 5);
  expect((await closeRisk(deps, { release, riskId: mid.id, actorId: CAST.rm.id, note: 'done' })).ok).toBe(true);

  const open = await raiseEscalation(deps, {
    release,
    raisedBy: CAST.qa.id,
    summary: 'QA env *down* <!channel>',
    level: 1,
  });
  const acked = await raiseEscalation(deps, { release, raisedBy: CAST.qa.id, summary: 'Flaky tests', level: 1 });
  const resolved = await raiseEscalation(deps, { release, raisedBy: CAST.qa.id, summary: 'Old one', level: 1 });
  if (!open.ok || !acked.ok || !resolved.ok) throw new Error('raise failed');
  await acknowledgeEscalation(deps, { escalationId: acked.escalation.id, userId: CAST.tech.id });
  await resolveEscalation(deps, { escalationId: resolved.escalation.id, userId: CAST.tech.id, note: 'fixed' });
  deps.clock.advance(HOUR);

  await postRiskReport(deps, release, null);
  const posted = postsOf(deps, 'postReport').at(-1)?.input as { report: RiskReport; extras: string[] };
  expect(posted.report.top.map((r) => r.risk.title)).toEqual(['High', 'Also mid', 'Low']);
  expect(posted.report.closed.map((r) => r.risk.title)).toEqual(['Mid']);
  expect(posted.report.top.filter((r) => r.changes[0]?.kind === 'new').map((r) => r.risk.title)).toEqual([
    'High',
    'Also mid',
  ]);
  expect(posted.report.trend).toEqual({ openDelta: 1, scoreDelta: 20 + 10 + 2 - (2 + 9), highDelta: 1 });
  const extras = posted.extras.join('\n');
  expect(extras).toContain('*Open escalations* (2)');
  expect(extras).toContain(
    `#${open.escalation.id} · Level 1 (Team) · not acknowledged · raised 1h ago: QA env *down* &lt;!channel&gt;`,
  );
  expect(extras).toContain(`#${acked.escalation.id} · Level 1 (Team) · acknowledged by <@${CAST.tech.id}>`);
  expect(extras).not.toContain('Old one');
  expect(extras).not.toContain('<!channel>');
});

test('the risk report says when there are no open escalations', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  await postRiskReport(deps, release, null);
  const posted = postsOf(deps, 'postReport')[0]!.input as { extras: string[] };
  expect(posted.extras).toEqual(['*Open escalations*: none']);
});

test('the retrospective: prompt to every holder once, answers kept, the summary names who did not answer', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  await deps.store.timers.schedule({
    kind: RETRO_TIMERS.prompt,
    key: `${RETRO_TIMERS.prompt}:${release.id}`,
    releaseId: release.id,
    dueAt: deps.clock.now(),
    payload: { releaseId: release.id },
  });
  const prompt = await timer(deps, release.id, RETRO_TIMERS.prompt);
  await retroPromptTimer(deps, prompt, deps.clock.now());
  await retroPromptTimer(deps, prompt, deps.clock.now()); // retried: not posted twice
  expect(postsOf(deps, 'postPrompt')).toHaveLength(1);
  const holders = (postsOf(deps, 'postPrompt')[0]!.input as { holders: string[] }).holders;
  expect(holders).toHaveLength(5);

  const debtless = await saveRetroAnswer(deps, { releaseId: release.id, userId: CAST.tech.id, raw: { well: 'CI' } });
  expect(debtless).toMatchObject({ ok: false, field: 'debt' });
  expect(
    (
      await saveRetroAnswer(deps, {
        releaseId: release.id,
        userId: CAST.tech.id,
        raw: { well: 'CI', debt: 'flaky e2e' },
      })
    ).ok,
  ).toBe(true);
  expect(
    (await saveRetroAnswer(deps, { releaseId: release.id, userId: CAST.qa.id, raw: { lessons: 'test earlier' } })).ok,
  ).toBe(true);
  expect(
    (await saveRetroAnswer(deps, { releaseId: release.id, userId: CAST.outsider.id, raw: { well: 'x' } })).ok,
  ).toBe(false);

  const summaryTimer = await timer(deps, release.id, RETRO_TIMERS.summary);
  await retroSummaryTimer(deps, summaryTimer);
  await retroSummaryTimer(deps, summaryTimer);
  const summaries = postsOf(deps, 'postSummary').filter((p) => p.port === 'retros');
  expect(summaries).toHaveLength(1);
  const input = summaries[0]!.input as { answers: Array<{ userId: string }>; missing: string[] };
  expect(input.answers.map((a) => a.userId).sort()).toEqual([CAST.qa.id, CAST.tech.id].sort());
  expect([...input.missing].sort()).toEqual([CAST.rm.id, CAST.devops.id, CAST.po.id].sort());
  expect((await saveRetroAnswer(deps, { releaseId: release.id, userId: CAST.rm.id, raw: { well: 'late' } })).ok).toBe(
    false,
  );
});
