import { expect, test } from 'vitest';
import { changeReleaseStatus } from '../../../src/releases/usecases/change-release-status.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease, insertStaffedRelease } from '../../helpers/factories.ts';
import { shipWithGo } from '../../helpers/gate.ts';
import { CAST } from '../../helpers/people.ts';

test('the RM ships and finishes a release, each step timestamped and audited', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  // Shipping goes through the deployment gate (issue 13): the setup takes the release through a Go first, so it
  // ships from "approved".
  const shipped = await shipWithGo(deps, release);
  expect(shipped).toMatchObject({ status: 'shipped', shippedAt: deps.clock.now() });
  deps.clock.advance(3_600_000);
  const done = await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });
  expect(done).toMatchObject({ ok: true, release: { status: 'done', endedAt: deps.clock.now() } });
  const lifecycle = (await deps.store.audit.forRelease(release.id)).filter(
    (e) => e.action === 'release.status_changed' && (e.subject === 'ship' || e.subject === 'done'),
  );
  expect(lifecycle.map((e) => [e.subject, e.actorId, e.before, e.after])).toEqual([
    ['ship', CAST.rm.id, { status: 'approved' }, { status: 'shipped' }],
    ['done', CAST.rm.id, { status: 'shipped' }, { status: 'done' }],
  ]);
});

test('DevOps (Deployment: Accountable) records done and rolled back, each with who did it; cancel stays the RM’s', async () => {
  const deps = createTestDeps();
  const first = await shipWithGo(deps, await insertStaffedRelease(deps), CAST.devops.id);
  const done = await changeReleaseStatus(deps, { release: first, actorId: CAST.devops.id, action: 'done' });
  expect(done).toMatchObject({ ok: true, release: { status: 'done' } });
  const second = await shipWithGo(deps, await insertStaffedRelease(deps));
  const rolled = await changeReleaseStatus(deps, { release: second, actorId: CAST.devops.id, action: 'rolledback' });
  expect(rolled).toMatchObject({ ok: true, release: { status: 'rolled_back' } });
  const actors = (await deps.store.audit.forRelease(first.id))
    .filter((e) => e.action === 'release.status_changed' && e.subject !== 'go_decision')
    .map((e) => [e.subject, e.actorId]);
  expect(actors).toEqual([
    ['ship', CAST.devops.id],
    ['done', CAST.devops.id],
  ]);
  const third = await insertStaffedRelease(deps);
  expect(await changeReleaseStatus(deps, { release: third, actorId: CAST.devops.id, action: 'cancel' })).toEqual({
    ok: false,
    message: 'Only the Release Manager (<@URM>) can do that.',
  });
});

test('only the RM or DevOps moves the deployment; a release with no RM says how to name one', async () => {
  const deps = createTestDeps();
  const staffed = await shipWithGo(deps, await insertStaffedRelease(deps));
  expect(await changeReleaseStatus(deps, { release: staffed, actorId: CAST.tech.id, action: 'done' })).toEqual({
    ok: false,
    message: 'Only the Release Manager (<@URM>) or the DevOps Engineer (<@UDEVOPS>) can do that.',
  });
  const bare = await insertRelease(deps);
  const result = await changeReleaseStatus(deps, { release: bare, actorId: CAST.tech.id, action: 'cancel' });
  expect(result.ok === false && result.message).toContain('/release role rm @person');
});

test('a bot holding the DevOps role never records the lifecycle', async () => {
  const deps = createTestDeps();
  const release = await shipWithGo(deps, await insertStaffedRelease(deps));
  await deps.store.releases.assign({
    releaseId: release.id,
    role: 'devops',
    userId: CAST.bot.id,
    assignedBy: CAST.rm.id,
    assignedAt: deps.clock.now(),
  });
  const result = await changeReleaseStatus(deps, { release, actorId: CAST.bot.id, action: 'done' });
  expect(result).toEqual({ ok: false, message: '<@UBOTX> is a bot: only a person records a release’s lifecycle.' });
  expect((await deps.store.releases.findById(release.id))?.status).toBe('shipped');
});

test('an impossible step explains the current state', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  const result = await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });
  expect(result.ok === false && result.message).toContain('is planning; this needs it to be Shipped');
});
