import { expect, test } from 'vitest';
import { getRetroForm, saveRetroAnswer } from '../../../src/cadence/usecases/retrospective.ts';
import { addRisk, updateRisk } from '../../../src/cadence/usecases/risks.ts';
import type { Release } from '../../../src/core/domain/release.ts';
import { raiseEscalation } from '../../../src/escalation/usecases/raise-escalation.ts';
import { confirmGo } from '../../../src/gate/usecases/confirm-go.ts';
import { getDeploymentGate } from '../../../src/gate/usecases/get-deployment-gate.ts';
import { shipPastGate } from '../../../src/gate/usecases/ship-past-gate.ts';
import { shipRelease } from '../../../src/gate/usecases/ship-release.ts';
import { recordChecklistOverride } from '../../../src/governance/usecases/record-checklist-override.ts';
import { untickChecklistItem } from '../../../src/governance/usecases/tick-checklist-item.ts';
import { castPollVote } from '../../../src/polls/usecases/cast-poll-vote.ts';
import { decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../../src/polls/usecases/open-poll.ts';
import { changeReleaseStatus } from '../../../src/releases/usecases/change-release-status.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { decideGo, shipWithGo } from '../../helpers/gate.ts';
import { CAST, TEAM } from '../../helpers/people.ts';

const MINUTE = 60_000;

async function staffedWithGo() {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  await decideGo(deps, release.id);
  deps.clock.advance(MINUTE);
  return { deps, release };
}

async function configureLevel(deps: ReturnType<typeof createTestDeps>, level: 2 | 3, channelId: string) {
  await deps.store.escalations.saveLevelSetting({
    teamId: TEAM,
    level,
    channelId,
    pings: [],
    ackMs: 10 * MINUTE,
    updatedBy: CAST.rm.id,
    updatedAt: deps.clock.now(),
  });
}

test('an untick after the Go makes it stale; confirming waits for the item; an override then one click opens the gate', async () => {
  const { deps, release } = await staffedWithGo();
  expect((await getDeploymentGate(deps, release)).gate).toBe('open');
  expect(
    (await untickChecklistItem(deps, { releaseId: release.id, key: 'monitoring', actorId: CAST.devops.id })).ok,
  ).toBe(true);
  const stale = await getDeploymentGate(deps, release);
  expect(stale.reasons.map((r) => r.code)).toEqual(['needs_reconfirmation', 'open_items']);
  expect(stale.stale).toMatchObject([{ kind: 'checklist_unticked', key: 'monitoring', actorId: CAST.devops.id }]);
  const shipped = await shipRelease(deps, { release, actorId: CAST.devops.id });
  expect(shipped).toMatchObject({ ok: false, isReleaseManager: false, gate: { gate: 'pending' } });

  deps.clock.advance(MINUTE);
  const early = await confirmGo(deps, { releaseId: release.id, actorId: CAST.rm.id });
  expect(early.ok === false && early.message).toContain('“Monitoring configured” (DevOps Engineer) is open');
  expect((await deps.store.decisions.forRelease(release.id)).map((d) => d.area)).not.toContain('go_reconfirmed');

  expect(
    (await recordChecklistOverride(deps, { release, actorId: CAST.rm.id, reason: 'alerts live', keys: ['monitoring'] }))
      .ok,
  ).toBe(true);
  expect((await confirmGo(deps, { releaseId: release.id, actorId: CAST.devops.id })).ok).toBe(false);
  const confirmed = await confirmGo(deps, { releaseId: release.id, actorId: CAST.rm.id });
  expect(confirmed).toMatchObject({ ok: true, changed: true, gate: { gate: 'open' } });
  // A second click records nothing more.
  expect(await confirmGo(deps, { releaseId: release.id, actorId: CAST.rm.id })).toMatchObject({
    ok: true,
    changed: false,
  });
  expect((await shipRelease(deps, { release, actorId: CAST.devops.id })).ok).toBe(true);
});

test('a level-3 escalation after the Go makes it stale; a level-2 one does not', async () => {
  const { deps, release } = await staffedWithGo();
  await configureLevel(deps, 2, 'C0MGMT');
  await configureLevel(deps, 3, 'C0EXEC');
  expect((await raiseEscalation(deps, { release, raisedBy: CAST.qa.id, summary: 'staging slow', level: 2 })).ok).toBe(
    true,
  );
  expect((await getDeploymentGate(deps, release)).gate).toBe('open');
  deps.clock.advance(MINUTE);
  expect(
    (await raiseEscalation(deps, { release, raisedBy: CAST.qa.id, summary: 'checkout is down', category: 'outage' }))
      .ok,
  ).toBe(true);
  const gate = await getDeploymentGate(deps, release);
  expect(gate.gate).toBe('pending');
  expect(gate.stale).toMatchObject([{ kind: 'escalation_reached', level: 3, summary: 'checkout is down' }]);
});

test('a risk raised to a score of 15 or more after the Go makes it stale', async () => {
  const { deps, release } = await staffedWithGo();
  const added = await addRisk(deps, {
    release,
    actorId: CAST.tech.id,
    draft: { title: 'DB failover untested', severity: '4', likelihood: '3' },
  });
  if (!added.ok) throw new Error(added.message);
  expect((await getDeploymentGate(deps, release)).gate).toBe('open');
  deps.clock.advance(MINUTE);
  expect(
    (await updateRisk(deps, { release, riskId: added.risk.id, actorId: CAST.tech.id, draft: { likelihood: '4' } })).ok,
  ).toBe(true);
  const gate = await getDeploymentGate(deps, release);
  expect(gate.stale).toMatchObject([{ kind: 'risk_raised', score: 16, previousScore: 12 }]);
});

test('a roll back decided before shipping takes the approval away; a new go/no-go may be opened', async () => {
  const { deps, release } = await staffedWithGo();
  const rollback = await openPoll(deps, {
    release,
    actorId: CAST.tech.id,
    activity: 'rollback',
    deadlineMs: undefined,
  });
  if (!rollback.ok) throw new Error(rollback.message);
  for (const [role, voterId] of [
    ['tech_lead', CAST.tech.id],
    ['devops', CAST.devops.id],
  ] as const) {
    await castPollVote(deps, { pollId: rollback.poll.id, role, voterId, value: 'go' });
  }
  expect(await decidePoll(deps, { pollId: rollback.poll.id, deciderId: CAST.rm.id, side: 'go' })).toMatchObject({
    ok: true,
    release: { status: 'planning' },
  });
  const closed = await getDeploymentGate(deps, release);
  expect(closed.gate).toBe('closed');
  expect(closed.reasons[0]?.code).toBe('roll_back');
  expect(await shipRelease(deps, { release, actorId: CAST.rm.id })).toMatchObject({
    ok: false,
    gate: { gate: 'closed' },
  });
  // A newer Go opens it again.
  deps.clock.advance(MINUTE);
  await decideGo(deps, release.id, { tick: false });
  expect((await getDeploymentGate(deps, release)).gate).toBe('open');
});

test('overruling the Tech Lead’s technical call on a rollback needs a rationale, even with the recommendation', async () => {
  const { deps, release } = await staffedWithGo();
  const shipped = await shipRelease(deps, { release, actorId: CAST.rm.id });
  if (!shipped.ok) throw new Error(shipped.message);
  const poll = await openPoll(deps, { release, actorId: CAST.devops.id, activity: 'rollback', deadlineMs: undefined });
  if (!poll.ok) throw new Error(poll.message);
  await castPollVote(deps, { pollId: poll.poll.id, role: 'tech_lead', voterId: CAST.tech.id, value: 'go' });
  await castPollVote(deps, {
    pollId: poll.poll.id,
    role: 'devops',
    voterId: CAST.devops.id,
    value: 'no_go',
    note: 'the flag already mitigates it',
  });
  // The recommendation is "don't roll back" (an objection), but the technical authority calls "roll back".
  const bare = await decidePoll(deps, { pollId: poll.poll.id, deciderId: CAST.rm.id, side: 'no_go' });
  expect(bare).toMatchObject({ ok: false, field: 'rationale' });
  expect(bare.ok === false && bare.message).toContain('the technical authority, calls Roll back');
  const reasoned = await decidePoll(deps, {
    pollId: poll.poll.id,
    deciderId: CAST.rm.id,
    side: 'no_go',
    rationale: 'the flag holds; rolling back loses the migration',
  });
  expect(reasoned).toMatchObject({ ok: true, againstRecommendation: false });
  const decision = (await deps.store.decisions.forRelease(release.id)).find((d) => d.kind === 'rollback');
  expect(decision?.details).toMatchObject({ technicalCall: { side: 'go', against: true, voterId: CAST.tech.id } });
});

test('an emergency ship: only past a holding gate, by a person who is the RM; recorded, escalated, on the retrospective', async () => {
  const deps = createTestDeps();
  const open = await insertStaffedRelease(deps);
  await decideGo(deps, open.id);
  expect(await shipPastGate(deps, { release: open, actorId: CAST.rm.id, reason: 'hurry' })).toMatchObject({
    ok: false,
    message: expect.stringContaining('is open: ship it normally'),
  });

  const release = await insertStaffedRelease(deps);
  expect((await shipPastGate(deps, { release, actorId: CAST.rm.id, reason: '  ' })).ok).toBe(false);
  expect((await shipPastGate(deps, { release, actorId: CAST.devops.id, reason: 'hotfix' })).ok).toBe(false);
  const result = await shipPastGate(deps, { release, actorId: CAST.rm.id, reason: 'payments down' });
  if (!result.ok) throw new Error(result.message);
  expect(result.release.status).toBe('shipped');
  expect(result.decision).toMatchObject({
    kind: 'authority',
    area: 'gate_override',
    rationale: 'payments down',
    details: { emergency: true, missing: ['no_go_yet', 'open_items'] },
  });
  // Level 2 is not configured in this workspace: the escalation is recorded at level 1, saying so.
  const [escalation] = await deps.store.escalations.listForRelease(release.id);
  expect(escalation?.summary).toContain('Emergency ship of');
  expect(result.escalation.id).toBe(escalation?.id);
  expect(
    (await deps.store.audit.forRelease(release.id)).filter((e) => e.action.startsWith('gate.')).map((e) => e.action),
  ).toEqual(['gate.bypassed']);

  // The retrospective requires the RM's answer to "why was the gate bypassed", and only the RM's.
  const done = await changeReleaseStatus(deps, { release: result.release, actorId: CAST.rm.id, action: 'done' });
  if (!done.ok) throw new Error(done.message);
  await deps.store.retros.open({
    releaseId: release.id,
    channelId: release.channelId,
    promptedAt: deps.clock.now(),
    closesAt: new Date(deps.clock.now().getTime() + 86_400_000),
  });
  const form = await getRetroForm(deps, release.id, CAST.rm.id);
  expect(form.ok && form.form.items).toMatchObject([{ key: 'gate_bypassed', required: true }]);
  const qaForm = await getRetroForm(deps, release.id, CAST.qa.id);
  expect(qaForm.ok && qaForm.form.items).toMatchObject([{ key: 'gate_bypassed', required: false }]);
  const refused = await saveRetroAnswer(deps, { releaseId: release.id, userId: CAST.rm.id, raw: { well: 'quick' } });
  expect(refused).toMatchObject({ ok: false, field: 'item:gate_bypassed' });
  expect(
    await saveRetroAnswer(deps, {
      releaseId: release.id,
      userId: CAST.rm.id,
      raw: { well: 'quick' },
      items: { gate_bypassed: 'no payments staging' },
    }),
  ).toMatchObject({ ok: true });
  expect(
    await saveRetroAnswer(deps, { releaseId: release.id, userId: CAST.qa.id, raw: { well: 'calm' } }),
  ).toMatchObject({ ok: true });
});

test('the gate reads the release as it is now, whoever asks: the use case the pipeline API calls', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  const stale: Release = { ...release, status: 'cancelled' };
  // A stale copy of the release does not matter: the gate reads the database.
  expect((await getDeploymentGate(deps, stale)).reasons.map((r) => r.code)).toEqual(['no_go_yet', 'open_items']);
  await shipWithGo(deps, release);
  expect((await getDeploymentGate(deps, { id: release.id })).gate).toBe('open');
});
