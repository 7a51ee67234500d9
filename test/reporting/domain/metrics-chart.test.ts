import { expect, test } from 'vitest';
import type { MetricsRelease } from '../../../src/reporting/domain/metrics.ts';
import { metricsChart, releasePoints } from '../../../src/reporting/domain/metrics-chart.ts';

function release(name: string, overrides: Partial<MetricsRelease>): MetricsRelease {
  return {
    id: 1,
    name,
    status: 'done',
    targetDate: '2026-11-10',
    timeZone: 'Europe/Berlin',
    shippedAt: new Date('2026-11-09T12:00:00Z'),
    endedAt: new Date('2026-11-09T13:00:00Z'),
    goDecidedAt: new Date('2026-11-09T09:00:00Z'),
    checklistOverrides: 0,
    originalTargetDate: undefined,
    reschedules: 0,
    ...overrides,
  };
}

test('one point per release, oldest first; a figure that does not apply is null (a gap), never zero', () => {
  // The metrics list newest first.
  const releases = [
    release('2.6.0', { emergencyShip: true }),
    release('2.5.1', { status: 'cancelled', shippedAt: null, goDecidedAt: null }),
    release('2.5.0', { status: 'rolled_back' }),
    release('2.4.0', { shippedAt: new Date('2026-11-12T12:00:00Z'), goDecidedAt: null }),
  ];
  expect(releasePoints(releases)).toEqual([
    { release: '2.4.0', order: 0, onTime: false, deployed: true, goToShippedHours: null },
    { release: '2.5.0', order: 1, onTime: null, deployed: false, goToShippedHours: 3 },
    { release: '2.5.1', order: 2, onTime: null, deployed: null, goToShippedHours: null },
    { release: '2.6.0', order: 3, onTime: null, deployed: null, goToShippedHours: 3 },
  ]);
  const chart = metricsChart(releases);
  const spec = JSON.stringify(chart.spec);
  expect(spec).toContain('"hours":null');
  expect(spec).not.toContain('"hours":0');
  expect(spec).toContain('break-paths-show-domains');
  expect(chart.altText).toContain('2.5.1: no data, deployment no data, Go to shipped no data');
});
