import { expect, test } from 'vitest';
import { addRisk, closeRisk } from '../../../src/cadence/usecases/risks.ts';
import { raiseEscalation } from '../../../src/escalation/usecases/raise-escalation.ts';
import { resolveEscalation } from '../../../src/escalation/usecases/resolve-escalation.ts';
import { CHECKLIST_OVERRIDE_AREA } from '../../../src/governance/domain/authority.ts';
import { recordChecklistOverride } from '../../../src/governance/usecases/record-checklist-override.ts';
import { tickChecklistItem, untickChecklistItem } from '../../../src/governance/usecases/tick-checklist-item.ts';
import { castPollVote } from '../../../src/polls/usecases/cast-poll-vote.ts';
import { checkPollDecider, decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../../src/polls/usecases/open-poll.ts';
import { getPollView } from '../../../src/polls/usecases/poll-view.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease, tickWholeChecklist } from '../../helpers/factories.ts';
import { CAST } from '../../helpers/people.ts';

type TestDeps = ReturnType<typeof createTestDeps>;

const VOTERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

/** A staffed release with an open go/no-go poll where every voting role said Go (so the recommendation is Go). */
async function allVotedGo(deps: TestDeps, activity: 'go_no_go' | 'rollback' = 'go_no_go') {
  // A rollback poll is for a release approved for deployment (or shipped).
  const release = await insertStaffedRelease(deps, activity === 'rollback' ? { status: 'approved' } : {});
  const opened = await openPoll(deps, { release, actorId: CAST.rm.id, activity, deadlineMs: undefined });
  if (!opened.ok) throw new Error(opened.message);
  const poll = opened.poll;
  for (const [role, voterId] of VOTERS) {
    await castPollVote(deps, { pollId: poll.id, role, voterId, value: 'go' });
  }
  return { release, poll };
}

/** Ticks every item but the given ones, as the RM. */
async function tickAllBut(deps: TestDeps, releaseId: number, open: readonly string[]) {
  await tickWholeChecklist(deps, releaseId);
  for (const key of open) {
    const result = await untickChecklistItem(deps, { releaseId, key, actorId: CAST.rm.id });
    expect(result.ok).toBe(true);
  }
}

test('Go with checklist items open and no override is refused, naming the items and how to override; nothing is written', async () => {
  const deps = createTestDeps();
  const { release, poll } = await allVotedGo(deps);
  await tickAllBut(deps, release.id, ['tests_passing', 'monitoring']);

  const refused = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go' });
  expect(refused).toMatchObject({
    ok: false,
    field: 'override',
    missingReason: true,
    openItems: ['All tests passing', 'Monitoring configured'],
  });
  const message = refused.ok ? '' : refused.message;
  expect(message).toContain('All tests passing (QA Lead)');
  expect(message).toContain('Monitoring configured (DevOps Engineer)');
  expect(message).toContain('/release checklist override');
  expect(message).toContain('override reason');

  const blank = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go', overrideReason: '  ' });
  expect(blank).toMatchObject({ ok: false, field: 'override', missingReason: true });
  expect(await deps.store.decisions.forRelease(release.id)).toEqual([]);
  expect((await deps.store.polls.findById(poll.id))?.status).toBe('open');
  expect((await deps.store.releases.findById(release.id))?.status).toBe('planning');
});

test('Go with an override reason records the override, then the Go decision, and links them', async () => {
  const deps = createTestDeps();
  const { release, poll } = await allVotedGo(deps);
  await tickAllBut(deps, release.id, ['monitoring']);

  const decided = await decidePoll(deps, {
    pollId: poll.id,
    deciderId: CAST.rm.id,
    side: 'go',
    overrideReason: 'Dashboards follow tomorrow; <alerts> are live',
  });
  expect(decided).toMatchObject({ ok: true, override: { openLabels: ['Monitoring configured'] } });
  const log = await deps.store.decisions.forRelease(release.id);
  expect(log.map((d) => [d.kind, d.area, d.outcome])).toEqual([
    ['authority', CHECKLIST_OVERRIDE_AREA, 'go_with_open_items'],
    ['go_no_go', null, 'go'],
  ]);
  const [override, go] = log;
  expect(override).toMatchObject({
    rationale: 'Dashboards follow tomorrow; <alerts> are live',
    decidedBy: CAST.rm.id,
    details: { openItemKeys: ['monitoring'] },
  });
  expect(go?.details).toMatchObject({
    checklistOverride: { decisionId: override?.id, openItems: ['Monitoring configured'] },
  });
  expect(override && go && override.id < go.id).toBe(true);
  expect((await deps.store.releases.findById(release.id))?.status).toBe('approved');
  const actions = (await deps.store.audit.forRelease(release.id)).map((e) => e.action);
  expect(actions.indexOf('checklist.override')).toBeLessThan(actions.indexOf('poll.decided'));
});

test('with every item ticked Go needs no override and none is recorded', async () => {
  const deps = createTestDeps();
  const { release, poll } = await allVotedGo(deps);
  await tickWholeChecklist(deps, release.id);
  const decided = await decidePoll(deps, {
    pollId: poll.id,
    deciderId: CAST.rm.id,
    side: 'go',
    overrideReason: 'ignored: nothing is open',
  });
  expect(decided).toMatchObject({ ok: true, override: undefined });
  expect((await deps.store.decisions.forRelease(release.id)).map((d) => d.kind)).toEqual(['go_no_go']);
});

test('an override recorded with the command covers Go; an item unticked after it needs a new override', async () => {
  const deps = createTestDeps();
  const { release, poll } = await allVotedGo(deps);
  await tickAllBut(deps, release.id, ['docs_updated']);
  const override = await recordChecklistOverride(deps, {
    release,
    actorId: CAST.rm.id,
    reason: 'docs ship with 2.4.1',
  });
  expect(override.ok).toBe(true);
  expect((await checkPollDecider(deps, { pollId: poll.id, deciderId: CAST.rm.id })) as unknown).toMatchObject({
    ok: true,
    checklist: { open: [{ label: 'Documentation updated' }], total: 10 },
  });

  expect((await untickChecklistItem(deps, { releaseId: release.id, key: 'monitoring', actorId: CAST.rm.id })).ok).toBe(
    true,
  );
  const refused = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go' });
  expect(refused).toMatchObject({
    ok: false,
    field: 'override',
    openItems: ['Documentation updated', 'Monitoring configured'],
  });

  expect(
    (await tickChecklistItem(deps, { releaseId: release.id, key: 'monitoring', actorId: CAST.devops.id })).ok,
  ).toBe(true);
  const decided = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go' });
  expect(decided).toMatchObject({ ok: true, override: undefined });
  expect((await deps.store.decisions.forRelease(release.id)).map((d) => d.kind)).toEqual(['authority', 'go_no_go']);
});

test('No-Go and rollback decisions are not gated by the checklist', async () => {
  const deps = createTestDeps();
  const noGo = await allVotedGo(deps);
  const decidedNoGo = await decidePoll(deps, {
    pollId: noGo.poll.id,
    deciderId: CAST.rm.id,
    side: 'no_go',
    rationale: 'waiting for the checklist',
  });
  expect(decidedNoGo).toMatchObject({ ok: true, override: undefined });

  const rollback = await allVotedGo(deps, 'rollback');
  const check = await checkPollDecider(deps, { pollId: rollback.poll.id, deciderId: CAST.rm.id });
  expect(check).toMatchObject({ ok: true, checklist: { open: [], total: 0 } });
  const decidedRollback = await decidePoll(deps, { pollId: rollback.poll.id, deciderId: CAST.rm.id, side: 'go' });
  expect(decidedRollback).toMatchObject({ ok: true, override: undefined });
  expect((await deps.store.decisions.forRelease(rollback.release.id)).map((d) => d.kind)).toEqual(['rollback']);
});

test('a refusal for another reason keeps the override reason unrecorded (one transaction)', async () => {
  const deps = createTestDeps();
  const { release, poll } = await allVotedGo(deps);
  await castPollVote(deps, { pollId: poll.id, role: 'devops', voterId: CAST.devops.id, value: 'no_go', note: 'no' });
  const refused = await decidePoll(deps, {
    pollId: poll.id,
    deciderId: CAST.rm.id,
    side: 'go',
    overrideReason: 'accepted',
  });
  expect(refused).toMatchObject({ ok: false, field: 'rationale' });
  const byQa = await decidePoll(deps, { pollId: poll.id, deciderId: CAST.qa.id, side: 'go', overrideReason: 'x' });
  expect(byQa).toMatchObject({ ok: false });
  expect(await deps.store.decisions.forRelease(release.id)).toEqual([]);
  const tooLong = await decidePoll(deps, {
    pollId: poll.id,
    deciderId: CAST.rm.id,
    side: 'go',
    rationale: 'rehearsed',
    overrideReason: 'x'.repeat(1001),
  });
  expect(tooLong).toMatchObject({ ok: false, field: 'override', missingReason: false });
  expect(await deps.store.decisions.forRelease(release.id)).toEqual([]);
});

test('the poll readiness shows the checklist, the open risks (top 3 by score) and the open escalations', async () => {
  const deps = createTestDeps();
  const { release, poll } = await allVotedGo(deps);
  const readiness = async () =>
    (await getPollView(deps, poll.id))?.readiness.map((r) => `${r.ok ? 'ok' : 'no'} ${r.text}`) ?? [];
  expect(await readiness()).toEqual([
    expect.stringContaining('no Checklist: *10 of 10 items open*: All PRs merged and reviewed (Tech Lead),'),
    'ok Risks: none open.',
    'ok Escalations: none open.',
  ]);

  await tickAllBut(deps, release.id, ['release_notes']);
  const risks = [
    ['Payment API <rate> limits', '4', '3'],
    ['Flaky login test', '2', '2'],
    ['Schema migration on 40M rows', '5', '4'],
    ['CDN certificate expiry', '3', '2'],
  ] as const;
  const ids: number[] = [];
  for (const [title, severity, likelihood] of risks) {
    const added = await addRisk(deps, {
      release,
      actorId: CAST.rm.id,
      draft: { title, severity, likelihood, ownerId: CAST.devops.id },
    });
    if (!added.ok) throw new Error(added.message);
    ids.push(added.risk.id);
  }
  const escalation = await raiseEscalation(deps, { release, raisedBy: CAST.qa.id, summary: 'Staging is down' });
  if (!escalation.ok) throw new Error(escalation.message);

  const [checklist, risk, esc] = await readiness();
  expect(checklist).toContain('no Checklist: *1 of 10 items open*: Release notes prepared (Product Owner).');
  expect(checklist).toContain('override reason');
  expect(risk).toContain('*4 open risks*, 2 high');
  const order = ['Schema migration', 'Payment API &lt;rate&gt; limits', 'CDN certificate'].map((t) => risk?.indexOf(t));
  expect(order.every((i) => (i ?? -1) >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => (a ?? 0) - (b ?? 0)));
  expect(risk).toContain('(score 20 · <@UDEVOPS>)');
  expect(risk).not.toContain('Flaky login test');
  expect(risk).toContain('…and 1 more');
  expect(esc).toContain(`no Escalations: *1 open escalation*.`);
  expect(esc).toContain(`#${escalation.escalation.id} Staging is down (Level 1 (Team), open)`);

  await recordChecklistOverride(deps, { release, actorId: CAST.rm.id, reason: 'notes are a day late' });
  expect((await readiness())[0]).toContain('accepted by <@URM>: “notes are a day late”');

  const closed = await closeRisk(deps, { release, riskId: ids[2] as number, actorId: CAST.rm.id, note: 'rehearsed' });
  expect(closed.ok).toBe(true);
  expect((await readiness())[1]).toContain('*3 open risks*, 1 high');
  const resolved = await resolveEscalation(deps, {
    escalationId: escalation.escalation.id,
    userId: CAST.rm.id,
    note: 'back up',
  });
  expect(resolved.ok).toBe(true);
  expect((await readiness())[2]).toBe('ok Escalations: none open.');
});
