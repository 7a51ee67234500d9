import { expect, test } from 'vitest';
import { changeReleaseStatus } from '../../../src/releases/usecases/change-release-status.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease, insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST } from '../../helpers/people.ts';

test('the RM ships and finishes a release, each step timestamped and audited', () => {
  const deps = createTestDeps();
  const release = insertStaffedRelease(deps);
  const shipped = changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'ship' });
  expect(shipped).toMatchObject({ ok: true, release: { status: 'shipped', shippedAt: deps.clock.now() } });
  deps.clock.advance(3_600_000);
  const done = changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });
  expect(done).toMatchObject({ ok: true, release: { status: 'done', endedAt: deps.clock.now() } });
  expect(deps.store.audit.forRelease(release.id).map((e) => [e.subject, e.before, e.after])).toEqual([
    ['ship', { status: 'planning' }, { status: 'shipped' }],
    ['done', { status: 'shipped' }, { status: 'done' }],
  ]);
});

test('only the RM moves the lifecycle; a release with no RM says how to name one', () => {
  const deps = createTestDeps();
  const staffed = insertStaffedRelease(deps);
  expect(changeReleaseStatus(deps, { release: staffed, actorId: CAST.tech.id, action: 'ship' })).toEqual({
    ok: false,
    message: 'Only the Release Manager (<@URM>) can do that.',
  });
  const bare = insertRelease(deps);
  const result = changeReleaseStatus(deps, { release: bare, actorId: CAST.tech.id, action: 'cancel' });
  expect(result.ok === false && result.message).toContain('/release role rm @person');
});

test('an impossible step explains the current state', () => {
  const deps = createTestDeps();
  const release = insertStaffedRelease(deps);
  const result = changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });
  expect(result.ok === false && result.message).toContain('is planning; this needs it to be Shipped');
});
