import { expect, test } from 'vitest';
import {
  checklistOverrides,
  computeMetrics,
  deploymentSuccess,
  emergencyShips,
  escalationsPerLevel,
  type MetricsRelease,
  onTimeAgainstOriginal,
  onTimeDelivery,
  reschedules,
  standupResponseRate,
  timeToDeploy,
  votesChanged,
} from '../../../src/reporting/domain/metrics.ts';

const H = 3_600_000;

function release(overrides: Partial<MetricsRelease>): MetricsRelease {
  return {
    id: 1,
    name: 'r',
    status: 'done',
    targetDate: '2026-12-10',
    timeZone: 'Europe/Berlin',
    shippedAt: new Date('2026-12-09T10:00:00Z'),
    endedAt: new Date('2026-12-11T10:00:00Z'),
    goDecidedAt: null,
    checklistOverrides: 0,
    ...overrides,
  };
}

test('every metric says "no data" on no releases instead of zero', () => {
  for (const metric of computeMetrics([])) {
    expect(metric.value.kind, metric.key).toBe('no_data');
    expect(metric.basis).toBe(0);
    expect(metric.how.length).toBeGreaterThan(10);
  }
});

test('on-time delivery: done releases shipped on or before the target day in their own zone', () => {
  const metric = onTimeDelivery([
    release({ shippedAt: new Date('2026-12-10T22:30:00Z') }), // 23:30 in Berlin on the 10th: on time
    release({ shippedAt: new Date('2026-12-10T23:30:00Z') }), // 00:30 on the 11th in Berlin: late
    release({ shippedAt: new Date('2026-12-01T09:00:00Z') }),
    release({ status: 'rolled_back' }),
    release({ status: 'cancelled', shippedAt: null }),
  ]);
  expect(metric.value).toEqual({ kind: 'rate', numerator: 2, denominator: 3 });
  expect(metric.basis).toBe(3);
});

test('deployment success: shipped without rollback, cancelled releases left out', () => {
  const metric = deploymentSuccess([
    release({}),
    release({ status: 'rolled_back' }),
    release({ status: 'done' }),
    release({ status: 'cancelled', shippedAt: null }),
  ]);
  expect(metric.value).toEqual({ kind: 'rate', numerator: 2, denominator: 3 });
  expect(deploymentSuccess([release({ status: 'cancelled', shippedAt: null })]).value.kind).toBe('no_data');
});

test('mean time to deploy, from the manual lifecycle, uses only releases with a Go decision', () => {
  const shippedAt = new Date('2026-12-09T10:00:00Z');
  const metric = timeToDeploy([
    release({ shippedAt, goDecidedAt: new Date(shippedAt.getTime() - 2 * H) }),
    release({ shippedAt, goDecidedAt: new Date(shippedAt.getTime() - 4 * H) }),
    release({ shippedAt, goDecidedAt: null }),
  ]);
  expect(metric.value).toEqual({ kind: 'mean_duration', meanMs: 3 * H, samples: 2 });
  expect(metric.basis).toBe(2);
  expect(timeToDeploy([release({})]).value).toMatchObject({ kind: 'no_data' });
});

test('deployment success and time to deploy come from deployment events when a pipeline reported any', () => {
  const at = (minutes: number) => new Date(new Date('2026-12-09T10:00:00Z').getTime() + minutes * 60_000);
  const reported = release({
    status: 'rolled_back',
    deployments: [
      { status: 'started', at: at(0) },
      { status: 'failed', at: at(5) },
      { status: 'started', at: at(30) },
      { status: 'succeeded', at: at(40) },
      { status: 'rolled_back', at: at(90) },
    ],
  });
  const manual = release({ goDecidedAt: at(-120) });
  const success = deploymentSuccess([reported, manual]);
  // One failure and one success among the reported events; the manual release is left out.
  expect(success.value).toEqual({ kind: 'rate', numerator: 1, denominator: 2 });
  expect(success.basis).toBe(1);
  expect(success.how).toMatch(/^From deployment events/);
  const time = timeToDeploy([reported, manual]);
  expect(time.value).toEqual({ kind: 'mean_duration', meanMs: 10 * 60_000, samples: 1, unit: 'deployment' });
  expect(time.how).toMatch(/^From deployment events/);
  // With no events at all, both fall back to the manual lifecycle and say so.
  expect(deploymentSuccess([manual]).how).toMatch(/^From the manual lifecycle/);
  expect(timeToDeploy([manual])).toMatchObject({ how: expect.stringMatching(/^From the manual lifecycle/) });
  expect(timeToDeploy([release({ deployments: [], goDecidedAt: at(-60) })]).value).toMatchObject({ samples: 1 });
  // An emergency ship's events are counted apart, as the lifecycle's are.
  expect(deploymentSuccess([{ ...reported, emergencyShip: true }]).how).toMatch(/^From the manual lifecycle/);
});

test('checklist overrides are counted, with how many releases had one', () => {
  const metric = checklistOverrides([
    release({ checklistOverrides: 2 }),
    release({}),
    release({ checklistOverrides: 1 }),
  ]);
  expect(metric.value).toEqual({ kind: 'count', count: 3, releasesWithAny: 2 });
  expect(metric.basis).toBe(3);
});

test('standup response rate: no data without the standup source; a rate with it', () => {
  expect(standupResponseRate([release({})]).value).toMatchObject({ kind: 'no_data' });
  const metric = standupResponseRate([
    release({ standups: { prompted: 10, answered: 8 } }),
    release({ standups: { prompted: 10, answered: 4 } }),
    release({}),
  ]);
  expect(metric.value).toEqual({ kind: 'rate', numerator: 12, denominator: 20 });
  expect(metric.basis).toBe(2);
});

test('escalations per level with mean time to acknowledge and to resolve', () => {
  expect(escalationsPerLevel([release({})]).value).toMatchObject({ kind: 'no_data' });
  expect(escalationsPerLevel([release({ escalations: [] })]).value).toEqual({
    kind: 'count',
    count: 0,
    releasesWithAny: 0,
  });
  const t0 = new Date('2026-12-05T09:00:00Z');
  const at = (hours: number) => new Date(t0.getTime() + hours * H);
  const metric = escalationsPerLevel([
    release({
      escalations: [
        { level: 2, raisedAt: t0, acknowledgedAt: at(1), resolvedAt: at(5) },
        { level: 2, raisedAt: t0, acknowledgedAt: at(3), resolvedAt: null },
        { level: 1, raisedAt: t0, acknowledgedAt: null, resolvedAt: null },
      ],
    }),
  ]);
  expect(metric.value).toEqual({
    kind: 'per_level',
    levels: [
      { level: 1, count: 1, meanAckMs: null, meanResolveMs: null },
      { level: 2, count: 2, meanAckMs: 2 * H, meanResolveMs: 5 * H },
    ],
  });
});

test('votes that changed: no data without the vote source; a rate with it', () => {
  expect(votesChanged([release({})]).value).toMatchObject({ kind: 'no_data' });
  expect(votesChanged([release({ votes: { cast: 10, changed: 1 } })]).value).toEqual({
    kind: 'rate',
    numerator: 1,
    denominator: 10,
  });
});

test('on-time delivery against the original and the final target, with the number of reschedules', () => {
  const releases = [
    // Moved from the 5th to the 10th and shipped on the 9th: late for the original, on time for the final.
    release({ originalTargetDate: '2026-12-05', reschedules: 2 }),
    release({}),
    release({ shippedAt: new Date('2026-12-12T10:00:00Z'), originalTargetDate: '2026-12-10' }),
  ];
  expect(onTimeDelivery(releases).value).toEqual({ kind: 'rate', numerator: 2, denominator: 3 });
  expect(onTimeAgainstOriginal(releases).value).toEqual({ kind: 'rate', numerator: 1, denominator: 3 });
  expect(reschedules(releases).value).toEqual({ kind: 'count', count: 2, releasesWithAny: 1 });
  expect(reschedules([]).value.kind).toBe('no_data');
});

test('emergency ships are counted on their own line, never as on-time or successful deployments', () => {
  const releases = [
    release({ emergencyShip: true }),
    release({ emergencyShip: true, status: 'rolled_back' }),
    release({ emergencyShip: false }),
    release({ status: 'cancelled', shippedAt: null }),
  ];
  expect(onTimeDelivery(releases).value).toEqual({ kind: 'rate', numerator: 1, denominator: 1 });
  expect(onTimeAgainstOriginal(releases).value).toEqual({ kind: 'rate', numerator: 1, denominator: 1 });
  expect(deploymentSuccess(releases).value).toEqual({ kind: 'rate', numerator: 1, denominator: 1 });
  const emergency = emergencyShips(releases);
  expect(emergency.value).toEqual({ kind: 'rate', numerator: 2, denominator: 3 });
  expect(emergency.how).toContain('(1 of them rolled back)');
  expect(onTimeDelivery([release({ emergencyShip: true })]).value.kind).toBe('no_data');
});
