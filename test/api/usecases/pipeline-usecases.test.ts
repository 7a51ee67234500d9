import { expect, test } from 'vitest';
import type { ApiToken } from '../../../src/api/domain/tokens.ts';
import { admitRequest } from '../../../src/api/usecases/admit-request.ts';
import { readGate } from '../../../src/api/usecases/gate.ts';
import { reportCheck } from '../../../src/api/usecases/report-check.ts';
import { reportDeployment } from '../../../src/api/usecases/report-deployment.ts';
import { createApiToken, issueApiToken, listApiTokens, revokeApiToken } from '../../../src/api/usecases/tokens.ts';
import type { Release } from '../../../src/core/domain/release.ts';
import { decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../../src/polls/usecases/open-poll.ts';
import { changeReleaseStatus } from '../../../src/releases/usecases/change-release-status.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { decideGo } from '../../helpers/gate.ts';
import { CAST, CHANNEL, TEAM } from '../../helpers/people.ts';

async function setup() {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps, { channelId: CHANNEL });
  const created = await createApiToken(deps, { teamId: TEAM, channelId: CHANNEL, actorId: CAST.rm.id, name: 'deploy' });
  if (!created.ok) throw new Error(created.message);
  return { deps, release, token: created.token, secret: created.secret };
}

const start = { environment: 'production', status: 'started' as const, version: 'v2.4.0' };
const success = { environment: 'production', status: 'succeeded' as const, version: 'v2.4.0' };

async function report(
  s: Awaited<ReturnType<typeof setup>>,
  r: typeof start | typeof success,
  token: ApiToken = s.token,
) {
  const release = (await s.deps.store.releases.findById(s.release.id)) as Release;
  return reportDeployment(s.deps, { actorId: `ci:${token.name}`, release, report: r });
}

test('a deployment the gate admitted at its start ships, although the Go went stale while it ran', async () => {
  const s = await setup();
  await decideGo(s.deps, s.release.id);
  expect(await report(s, start)).toMatchObject({ ok: true, deployment: { outcome: 'admitted' } });
  s.deps.clock.advance(60_000);
  // A failed check while deploying: the Go needs re-confirmation, the gate is pending.
  await reportCheck(s.deps, {
    actorId: 'ci:deploy',
    release: s.release,
    check: { item: 'security_scans', status: 'failed', url: 'https://ci.example.com/scan/1' },
  });
  const gate = await readGate(s.deps, s.release, 0);
  expect(gate.ok && gate.gate.gate).toBe('pending');
  const shipped = await report(s, success);
  expect(shipped).toMatchObject({ ok: true, deployment: { outcome: 'shipped' }, release: { status: 'shipped' } });
  const passed = (await s.deps.store.audit.forRelease(s.release.id)).find((a) => a.action === 'gate.passed');
  expect(passed).toMatchObject({ actorId: 'ci:deploy', after: { via: 'admitted_at_start' } });
  expect(s.deps.pipelineMessenger.notices.map((n) => n.kind)).toEqual([
    'deployment_started',
    'check_failed',
    'shipped',
  ]);
});

test('a success with no admitted start needs an open gate; under a stale Go it is refused and kept as blocked', async () => {
  const s = await setup();
  await decideGo(s.deps, s.release.id);
  s.deps.clock.advance(60_000);
  await reportCheck(s.deps, {
    actorId: 'ci:deploy',
    release: s.release,
    check: { item: 'tests_passing', status: 'failed', url: 'https://ci.example.com/run/1' },
  });
  const refused = await report(s, success);
  expect(refused).toMatchObject({ ok: false, kind: 'deployment_blocked' });
  expect((await s.deps.store.releases.findById(s.release.id))?.status).toBe('approved');
  expect((await s.deps.store.api.deploymentsOf(s.release.id)).map((d) => [d.status, d.outcome, d.blockedBy])).toEqual([
    ['succeeded', 'blocked', ['needs_reconfirmation', 'open_items']],
  ]);
});

test('a start admitted before a No-Go does not ship after it: the gate is closed', async () => {
  const s = await setup();
  await decideGo(s.deps, s.release.id);
  await report(s, start);
  s.deps.clock.advance(60_000);
  // The RM reopens the go/no-go and decides No-Go.
  const release = (await s.deps.store.releases.findById(s.release.id)) as Release;
  const poll = await openPoll(s.deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  if (!poll.ok) throw new Error(poll.message);
  await decidePoll(s.deps, { pollId: poll.poll.id, deciderId: CAST.rm.id, side: 'no_go', rationale: 'payments broke' });
  expect(await report(s, success)).toMatchObject({ ok: false, kind: 'deployment_blocked', extra: { gate: 'closed' } });
  expect((await s.deps.store.releases.findById(s.release.id))?.status).toBe('planning');
});

test('tokens: only the RM, a person; a token outlives its release and is managed by the last RM between releases', async () => {
  const s = await setup();
  const ref = { teamId: TEAM, channelId: CHANNEL };
  expect(await createApiToken(s.deps, { ...ref, actorId: CAST.qa.id, name: 'qa' })).toMatchObject({ ok: false });
  expect(await createApiToken(s.deps, { ...ref, actorId: CAST.bot.id, name: 'bot' })).toEqual({
    ok: false,
    message: expect.stringContaining('is a bot: only the Release Manager, a person, manages API tokens.'),
  });
  expect(await createApiToken(s.deps, { ...ref, channelId: 'C0NONE', actorId: CAST.rm.id, name: 'x' })).toEqual({
    ok: false,
    message: expect.stringContaining('This channel has no release.'),
  });
  // The release ends: its RM still manages (and may revoke) the channel's tokens.
  const cancelled = await changeReleaseStatus(s.deps, { release: s.release, actorId: CAST.rm.id, action: 'cancel' });
  expect(cancelled.ok).toBe(true);
  expect(await listApiTokens(s.deps, { ...ref, actorId: CAST.rm.id })).toMatchObject({
    ok: true,
    tokens: [{ name: 'deploy' }],
  });
  // The next release in the channel: the same token acts on it.
  const next = await insertStaffedRelease(s.deps, { channelId: CHANNEL, name: '2.5.0' });
  const admitted = await admitRequest(s.deps, { authorization: `Bearer ${s.secret}` });
  expect(admitted).toMatchObject({ ok: true, token: { name: 'deploy', lastUsedAt: s.deps.clock.now() } });
  expect(await report(s, { ...start, environment: 'staging' })).toMatchObject({ ok: false, kind: 'conflict' });
  const onNext = await reportDeployment(s.deps, {
    actorId: 'ci:deploy',
    release: next,
    report: { ...start, environment: 'staging' },
  });
  expect(onNext).toMatchObject({ ok: true, deployment: { releaseId: next.id } });
  expect(await revokeApiToken(s.deps, { ...ref, actorId: CAST.rm.id, name: 'DEPLOY' })).toMatchObject({ ok: true });
  expect(await admitRequest(s.deps, { authorization: `Bearer ${s.secret}` })).toMatchObject({ kind: 'unauthorized' });
  // The sandbox's way in: a token issued without the RM check, still one name per channel.
  expect(await issueApiToken(s.deps, { ...ref, name: 'sandbox', createdBy: 'URM' })).toMatchObject({ ok: true });
  expect(await issueApiToken(s.deps, { ...ref, name: 'sandbox', createdBy: 'URM' })).toMatchObject({ ok: false });
});
