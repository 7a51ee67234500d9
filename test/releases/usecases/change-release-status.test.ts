import { expect, test } from 'vitest';
import { changeReleaseStatus } from '../../../src/releases/usecases/change-release-status.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease, insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST } from '../../helpers/people.ts';

test('the RM ships and finishes a release, each step timestamped and audited', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  const shipped = await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'ship' });
  expect(shipped).toMatchObject({ ok: true, release: { status: 'shipped', shippedAt: deps.clock.now() } });
  deps.clock.advance(3_600_000);
  const done = await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });
  expect(done).toMatchObject({ ok: true, release: { status: 'done', endedAt: deps.clock.now() } });
  expect((await deps.store.audit.forRelease(release.id)).map((e) => [e.subject, e.before, e.after])).toEqual([
    ['ship', { status: 'planning' }, { status: 'shipped' }],
    ['done', { status: 'shipped' }, { status: 'done' }],
  ]);
});

test('only the RM moves the lifecycle; a release with no RM says how to name one', async () => {
  const deps = createTestDeps();
  const staffed = await insertStaffedRelease(deps);
  expect(await changeReleaseStatus(deps, { release: staffed, actorId: CAST.tech.id, action: 'ship' })).toEqual({
    ok: false,
    message: 'Only the Release Manager (<@URM>) can do that.',
  });
  const bare = await insertRelease(deps);
  const result = await changeReleaseStatus(deps, { release: bare, actorId: CAST.tech.id, action: 'cancel' });
  expect(result.ok === false && result.message).toContain('/release role rm @person');
});

test('an impossible step explains the current state', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  const result = await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });
  expect(result.ok === false && result.message).toContain('is planning; this needs it to be Shipped');
});
