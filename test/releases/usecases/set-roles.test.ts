import { expect, test } from 'vitest';
import { holdersOf } from '../../../src/core/domain/roles.ts';
import { assignRoles } from '../../../src/releases/usecases/assign-roles.ts';
import { setRoles } from '../../../src/releases/usecases/set-roles.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease } from '../../helpers/factories.ts';
import { CAST } from '../../helpers/people.ts';

test.each([CAST.bot, CAST.app, CAST.gone, CAST.slackbot])(
  'the RM picker refuses $id with the reason, and nothing of the form is written',
  async (who) => {
    const deps = createTestDeps();
    const release = await insertRelease(deps);
    const result = await setRoles(deps, {
      release,
      actorId: CAST.rm.id,
      chosen: { rm: [who.id], qa_lead: [CAST.qa.id], devops: [CAST.devops.id] },
    });
    expect(result).toEqual({
      ok: false,
      problems: [{ role: 'rm', message: expect.stringContaining('the Release Manager must be a person') }],
    });
    expect(await deps.store.releases.assignments(release.id)).toEqual([]);
    expect(await deps.store.audit.forRelease(release.id)).toEqual([]);
  },
);

test('every refused pick is reported under its own role, none written', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  const result = await setRoles(deps, {
    release,
    actorId: CAST.rm.id,
    chosen: { rm: [CAST.bot.id], devops: [CAST.gone.id, CAST.devops.id], product_owner: ['UNOBODY'] },
  });
  expect(result).toMatchObject({
    ok: false,
    problems: [
      { role: 'rm' },
      { role: 'devops' },
      { role: 'product_owner', message: "I can't find <@UNOBODY> in this workspace." },
    ],
  });
  const two = await setRoles(deps, { release, actorId: CAST.rm.id, chosen: { rm: [CAST.rm.id, CAST.tech.id] } });
  expect(two).toMatchObject({
    ok: false,
    problems: [{ role: 'rm', message: expect.stringContaining('one Release Manager') }],
  });
  expect(await deps.store.releases.assignments(release.id)).toEqual([]);
});

test('a new RM is a handover, audited with who held it before; one person may hold several roles', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  await assignRoles(deps, { release, actorId: CAST.rm.id, role: 'rm', userIds: [CAST.rm.id] });
  const result = await setRoles(deps, {
    release,
    actorId: CAST.rm.id,
    chosen: { rm: [CAST.tech.id], tech_lead: [CAST.tech.id], qa_lead: [CAST.tech.id] },
  });
  expect(result).toMatchObject({ ok: true, changed: true });
  const assignments = await deps.store.releases.assignments(release.id);
  expect(holdersOf(assignments, 'rm')).toEqual([CAST.tech.id]);
  expect(holdersOf(assignments, 'qa_lead')).toEqual([CAST.tech.id]);
  const handover = (await deps.store.audit.forRelease(release.id)).find((e) => e.subject === `rm:${CAST.tech.id}`);
  expect(handover).toMatchObject({
    before: { role: 'rm', userId: CAST.rm.id },
    after: { role: 'rm', userId: CAST.tech.id },
  });
});

test('the same picks again change nothing and write nothing', async () => {
  const deps = createTestDeps();
  const release = await insertRelease(deps);
  const chosen = { rm: [CAST.rm.id], po: [CAST.po.id] };
  expect(await setRoles(deps, { release, actorId: CAST.rm.id, chosen })).toMatchObject({ ok: true, changed: true });
  const audited = (await deps.store.audit.forRelease(release.id)).length;
  expect(await setRoles(deps, { release, actorId: CAST.rm.id, chosen })).toMatchObject({
    ok: true,
    changed: false,
    changes: [],
  });
  expect(await deps.store.audit.forRelease(release.id)).toHaveLength(audited);
});
