import { expect, test } from 'vitest';
import {
  checklistReadiness,
  checklistWaitingProvider,
  getChecklistGate,
} from '../../../src/governance/usecases/get-checklist-gate.ts';
import { recordChecklistOverride } from '../../../src/governance/usecases/record-checklist-override.ts';
import { tickChecklistItem, untickChecklistItem } from '../../../src/governance/usecases/tick-checklist-item.ts';
import { createRelease } from '../../../src/releases/usecases/create-release.ts';
import { getHome } from '../../../src/releases/usecases/release-overview.ts';
import { getMetrics } from '../../../src/reporting/usecases/get-metrics.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST, CHANNEL, TEAM } from '../../helpers/people.ts';

test('every new release gets the ten-item checklist in the same transaction', async () => {
  const deps = createTestDeps();
  const created = await createRelease(deps, {
    teamId: TEAM,
    channelId: CHANNEL,
    actorId: CAST.rm.id,
    name: '2.4.0',
    targetDate: '2026-12-10',
  });
  if (!created.ok) throw new Error('create failed');
  const gate = await getChecklistGate(deps, created.release.id);
  expect(gate.total).toBe(10);
  expect(gate.open).toHaveLength(10);
  expect(gate.canGoWithoutOverride).toBe(false);
});

test('ticks record who and when and keep the history; the readiness lines follow', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  const ref = { releaseId: release.id, key: 'tests_passing' };
  expect(await tickChecklistItem(deps, { ...ref, actorId: CAST.devops.id })).toMatchObject({ ok: false });
  expect(await tickChecklistItem(deps, { ...ref, actorId: CAST.qa.id, evidenceUrl: 'not a link' })).toMatchObject({
    ok: false,
    message: expect.stringContaining('not a web link'),
  });
  const ticked = await tickChecklistItem(deps, {
    ...ref,
    actorId: CAST.qa.id,
    evidenceUrl: 'https://ci.example.com/1',
  });
  expect(ticked).toMatchObject({
    ok: true,
    changed: true,
    item: { tickedBy: CAST.qa.id, tickedAt: deps.clock.now(), evidenceUrl: 'https://ci.example.com/1' },
  });
  deps.clock.advance(60_000);
  expect(await untickChecklistItem(deps, { ...ref, actorId: CAST.rm.id })).toMatchObject({ ok: true, changed: true });
  const history = await deps.store.governance.checklistHistory(release.id);
  expect(history.map((h) => [h.action, h.actorId])).toEqual([
    ['tick', CAST.qa.id],
    ['untick', CAST.rm.id],
  ]);
  const readiness = await checklistReadiness(deps, release.id);
  expect(readiness.openCount).toBe(10);
  expect(readiness.lines[0]).toBe(':warning: Checklist: 10 of 10 items open.');
});

test('an override is an authority decision counted by the metrics', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  expect(await recordChecklistOverride(deps, { release, actorId: CAST.rm.id, reason: '  ' })).toMatchObject({
    ok: false,
  });
  const result = await recordChecklistOverride(deps, { release, actorId: CAST.rm.id, reason: 'fine' });
  expect(result).toMatchObject({
    ok: true,
    decision: { kind: 'authority', area: 'checklist_override', rationale: 'fine' },
  });
  expect((await getChecklistGate(deps, release.id)).coveredByOverride).toBe(true);
  expect((await checklistReadiness(deps, release.id)).lines.at(-1)).toContain('accepted by <@URM>');
  await deps.store.releases.setStatus(release.id, 'shipped', deps.clock.now());
  await deps.store.releases.setStatus(release.id, 'done', deps.clock.now());
  const report = await getMetrics(deps, { teamId: TEAM, last: 10 });
  expect(report.releases).toHaveLength(1);
  expect(report.metrics.find((m) => m.key === 'checklist_overrides')?.value).toEqual({
    kind: 'count',
    count: 1,
    releasesWithAny: 1,
  });
});

test('the App Home lists the open checklist items the person owns', async () => {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  await tickChecklistItem(deps, { releaseId: release.id, key: 'tests_passing', actorId: CAST.qa.id });
  const [home] = await getHome(deps, TEAM, CAST.qa.id, [checklistWaitingProvider]);
  expect(home?.waiting).toContain('Checklist: Quality gates passed is yours to tick: `/release checklist`');
  const [devops] = await getHome(deps, TEAM, CAST.devops.id, [checklistWaitingProvider]);
  expect(devops?.waiting).toContain(
    'Checklist: Rollback plan ready, Monitoring configured are yours to tick: `/release checklist`',
  );
});
