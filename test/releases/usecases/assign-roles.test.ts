import { expect, test } from 'vitest';
import { holdersOf } from '../../../src/core/domain/roles.ts';
import { assignRoles } from '../../../src/releases/usecases/assign-roles.ts';
import { unassignRole } from '../../../src/releases/usecases/unassign-role.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease } from '../../helpers/factories.ts';
import { CAST } from '../../helpers/people.ts';

test('anyone may name roles until there is a Release Manager; then only the RM', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  expect((await assignRoles(deps, { release, actorId: CAST.outsider.id, role: 'rm', userIds: [CAST.rm.id] })).ok).toBe(
    true,
  );
  const denied = await assignRoles(deps, {
    release,
    actorId: CAST.outsider.id,
    role: 'qa_lead',
    userIds: [CAST.qa.id],
  });
  expect(denied).toEqual({ ok: false, message: expect.stringContaining('Only the Release Manager (<@URM>)') });
  const allowed = await assignRoles(deps, {
    release,
    actorId: CAST.rm.id,
    role: 'qa_lead',
    userIds: [CAST.qa.id, CAST.outsider.id],
  });
  expect(allowed).toMatchObject({ ok: true, added: [CAST.qa.id, CAST.outsider.id] });
  expect(holdersOf(await deps.store.releases.assignments(release.id), 'qa_lead')).toEqual([
    CAST.qa.id,
    CAST.outsider.id,
  ]);
});

test.each([CAST.bot, CAST.app, CAST.gone, CAST.slackbot])(
  'the RM role is refused to $id, and nothing is written',
  async (who) => {
    const deps = createTestDeps();
    const release = await insertRelease(deps);
    const result = await assignRoles(deps, { release, actorId: CAST.rm.id, role: 'rm', userIds: [who.id] });
    expect(result.ok).toBe(false);
    expect(await deps.store.releases.assignments(release.id)).toEqual([]);
    expect(await deps.store.audit.forRelease(release.id)).toEqual([]);
  },
);

test('one bad person in a list assigns nobody', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  const result = await assignRoles(deps, {
    release,
    actorId: CAST.rm.id,
    role: 'devops',
    userIds: [CAST.devops.id, 'UNOBODY'],
  });
  expect(result).toEqual({ ok: false, message: "I can't find <@UNOBODY> in this workspace." });
  expect(await deps.store.releases.assignments(release.id)).toEqual([]);
});

test('naming a new RM hands the role over, audited with before and after', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  await assignRoles(deps, { release, actorId: CAST.rm.id, role: 'rm', userIds: [CAST.rm.id] });
  const handover = await assignRoles(deps, { release, actorId: CAST.rm.id, role: 'rm', userIds: [CAST.tech.id] });
  expect(handover).toMatchObject({ ok: true, replacedReleaseManager: CAST.rm.id });
  expect(holdersOf(await deps.store.releases.assignments(release.id), 'rm')).toEqual([CAST.tech.id]);
  const last = (await deps.store.audit.forRelease(release.id)).at(-1);
  expect(last).toMatchObject({
    action: 'role.assigned',
    before: { role: 'rm', userId: CAST.rm.id },
    after: { role: 'rm', userId: CAST.tech.id },
  });
});

test('a release has one RM', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  const result = await assignRoles(deps, {
    release,
    actorId: CAST.rm.id,
    role: 'rm',
    userIds: [CAST.rm.id, CAST.tech.id],
  });
  expect(result.ok).toBe(false);
});

test('only the RM takes a role back', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  await assignRoles(deps, { release, actorId: CAST.rm.id, role: 'rm', userIds: [CAST.rm.id] });
  await assignRoles(deps, { release, actorId: CAST.rm.id, role: 'qa_lead', userIds: [CAST.qa.id] });
  expect((await unassignRole(deps, { release, actorId: CAST.qa.id, role: 'qa_lead', userId: CAST.qa.id })).ok).toBe(
    false,
  );
  expect(await unassignRole(deps, { release, actorId: CAST.rm.id, role: 'qa_lead', userId: CAST.qa.id })).toEqual({
    ok: true,
  });
  expect((await unassignRole(deps, { release, actorId: CAST.rm.id, role: 'qa_lead', userId: CAST.qa.id })).ok).toBe(
    false,
  );
});
