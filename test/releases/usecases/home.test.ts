import { expect, test } from 'vitest';
import { getHome } from '../../../src/releases/usecases/release-overview.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease } from '../../helpers/factories.ts';
import { CAST, TEAM } from '../../helpers/people.ts';

test('the home lists the person’s active releases with roles, days left and what waits for them', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertRelease(deps, { targetDate: '2026-12-03' });
  await insertRelease(deps, { status: 'cancelled' });
  await deps.store.releases.assign({
    releaseId: release.id,
    role: 'rm',
    userId: CAST.rm.id,
    assignedBy: CAST.rm.id,
    assignedAt: deps.clock.now(),
  });
  await deps.store.releases.assign({
    releaseId: release.id,
    role: 'qa_lead',
    userId: CAST.qa.id,
    assignedBy: CAST.rm.id,
    assignedAt: deps.clock.now(),
  });

  const [item, ...rest] = await getHome(deps, TEAM, CAST.rm.id);
  expect(rest).toEqual([]);
  expect(item).toMatchObject({ roles: ['rm'], daysToTarget: 10 });
  expect(item?.waiting).toEqual([
    'No Tech Lead, DevOps Engineer or Product Owner yet: `/release roles` opens a form for every role',
    ':warning: Level 2 (Management) and Level 3 (Executive) are not set up for this release: escalations that ' +
      'belong there stay with the team. Set them up with `/release escalation` (a form opens).',
  ]);
  // The checklist items are buttons now, each opening the tick form.
  expect(item?.actions.filter((a) => a.button?.actionId === 'checklist_tick').map((a) => a.text)).toEqual([
    'Checklist: Team notified',
    'Checklist: Stakeholders informed',
  ]);
  expect(item?.actions.map((a) => a.button?.label)).toEqual(['Tick…', 'Tick…', 'Open go/no-go', 'Configure', 'Export']);
  const qa = (await getHome(deps, TEAM, CAST.qa.id))[0];
  expect(qa?.waiting).toEqual([]);
  expect(qa?.actions.map((a) => a.text)).toEqual(['Checklist: All tests passing', 'Checklist: Quality gates passed']);
  expect(await getHome(deps, TEAM, CAST.outsider.id)).toEqual([]);
});
