import { expect, test } from 'vitest';
import type { AuthorityArea } from '../../../src/governance/domain/authority.ts';
import { authorityArea } from '../../../src/governance/domain/authority.ts';
import { recordConflict } from '../../../src/governance/usecases/record-conflict.ts';
import { rescheduleRelease } from '../../../src/governance/usecases/reschedule-release.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { shipWithGo } from '../../helpers/gate.ts';
import { CAST } from '../../helpers/people.ts';

const draft = { target: '2026-12-17', window: '2026-12-08..2026-12-19', reason: 'vendor slipped' };

test('a reschedule moves the dates in one transaction: history, decision, audit, conflicts settled, cadence re-planned', async () => {
  const deps = createTestDeps({ now: '2026-11-25T10:00:00Z' });
  const release = await insertStaffedRelease(deps);
  const area = authorityArea('schedule') as AuthorityArea;
  await recordConflict(deps, { release, actorId: CAST.po.id, area, perspectiveA: 'slip', perspectiveB: 'cut scope' });
  const result = await rescheduleRelease(deps, { release, actorId: CAST.rm.id, draft });
  if (!result.ok) throw new Error(result.message);
  expect(result.release).toMatchObject({
    targetDate: '2026-12-17',
    windowStart: '2026-12-08',
    windowEnd: '2026-12-19',
  });
  expect(result.count).toBe(1);
  expect(result.informed).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');
  expect(result.change).toMatchObject({
    before: { targetDate: '2026-12-10', windowStart: '2026-12-01', windowEnd: '2026-12-12' },
    after: { targetDate: '2026-12-17', windowStart: '2026-12-08', windowEnd: '2026-12-19' },
    reason: 'vendor slipped',
    changedBy: CAST.rm.id,
    changedAt: deps.clock.now(),
  });
  expect(result.decision).toMatchObject({
    kind: 'authority',
    area: 'schedule',
    outcome: 'Rescheduled: target 2026-12-10 → 2026-12-17 · window 2026-12-01..2026-12-12 → 2026-12-08..2026-12-19',
    rationale: 'vendor slipped',
    details: { scheduleChangeId: result.change.id, conflicts: [{ perspectiveA: 'slip' }] },
  });
  expect((await deps.store.governance.conflicts(release.id))[0]?.resolvedByDecisionId).toBe(result.decision.id);
  expect((await deps.store.audit.forRelease(release.id)).map((e) => e.action)).toContain('release.rescheduled');
  // The cadence owes nothing due before the reschedule.
  expect((await deps.store.cadence.config(release.id)).updatedAt).toEqual(deps.clock.now());
});

test('only the RM, only a person, only before shipping; a refusal changes nothing', async () => {
  const deps = createTestDeps({ now: '2026-11-25T10:00:00Z' });
  const release = await insertStaffedRelease(deps);
  expect(await rescheduleRelease(deps, { release, actorId: CAST.po.id, draft })).toMatchObject({
    ok: false,
    message: expect.stringContaining('Only the Release Manager (<@URM>) moves the dates'),
  });
  const bad = await rescheduleRelease(deps, { release, actorId: CAST.rm.id, draft: { ...draft, reason: undefined } });
  expect(bad.ok).toBe(false);
  expect(await deps.store.releases.scheduleChanges(release.id)).toEqual([]);
  expect(await deps.store.decisions.forRelease(release.id)).toEqual([]);
  expect((await deps.store.cadence.config(release.id)).updatedAt).toBeNull();

  const shipped = await shipWithGo(deps, release);
  expect(await rescheduleRelease(deps, { release: shipped, actorId: CAST.rm.id, draft })).toMatchObject({
    ok: false,
    message: expect.stringContaining('is shipped; its dates no longer move'),
  });
});
