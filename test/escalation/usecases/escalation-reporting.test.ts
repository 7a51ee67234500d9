import { expect, test } from 'vitest';
import { acknowledgeEscalation } from '../../../src/escalation/usecases/acknowledge-escalation.ts';
import { raiseEscalation } from '../../../src/escalation/usecases/raise-escalation.ts';
import { resolveEscalation } from '../../../src/escalation/usecases/resolve-escalation.ts';
import { changeReleaseStatus } from '../../../src/releases/usecases/change-release-status.ts';
import { buildReleaseRecordMarkdown } from '../../../src/reporting/domain/release-record.ts';
import { getMetrics } from '../../../src/reporting/usecases/get-metrics.ts';
import { getReleaseRecord } from '../../../src/reporting/usecases/get-release-record.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { shipWithGo } from '../../helpers/gate.ts';
import { CAST, TEAM } from '../../helpers/people.ts';

test('escalations reach the metrics (per level, time to acknowledge and resolve) and the exported record', async () => {
  const deps = createTestDeps({ now: '2026-11-23T09:00:00Z' });
  const release = await insertStaffedRelease(deps);
  const raised = await raiseEscalation(deps, {
    release,
    raisedBy: CAST.qa.id,
    summary: 'Login *broken* <!here>',
    level: 1,
  });
  expect(raised.ok).toBe(true);
  if (!raised.ok) return;
  deps.clock.advance(10 * 60_000);
  expect((await acknowledgeEscalation(deps, { escalationId: raised.escalation.id, userId: CAST.tech.id })).ok).toBe(
    true,
  );
  deps.clock.advance(20 * 60_000);
  expect(
    (
      await resolveEscalation(deps, {
        escalationId: raised.escalation.id,
        userId: CAST.tech.id,
        note: 'Fixed | rolled',
      })
    ).ok,
  ).toBe(true);
  // Shipping needs a Go since issue 13: the setup takes the release through one.
  await shipWithGo(deps, release);
  await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'done' });

  const metric = (await getMetrics(deps, { teamId: TEAM, last: 10 })).metrics.find((m) => m.key === 'escalations');
  expect(metric?.value).toEqual({
    kind: 'per_level',
    levels: [{ level: 1, count: 1, meanAckMs: 10 * 60_000, meanResolveMs: 30 * 60_000 }],
  });

  const markdown = buildReleaseRecordMarkdown(await getReleaseRecord(deps, { release, actorId: CAST.rm.id }));
  const section = markdown.slice(markdown.indexOf('## Escalations'), markdown.indexOf('## Audit log'));
  expect(section).toContain('Login \\*broken\\* \\<!here\\>');
  expect(section).toContain('acknowledged by UTECH 2026-11-23 09:10 UTC');
  expect(section).toContain('resolved by UTECH 2026-11-23 09:30 UTC: Fixed \\| rolled');
});
