import { expect, test } from 'vitest';
import {
  buildRiskReport,
  byScore,
  isOverdue,
  parseLevel,
  type Risk,
  riskScore,
  snapshotOf,
  trendOf,
} from '../../../src/cadence/domain/risk.ts';

let id = 0;
function risk(overrides: Partial<Risk>): Risk {
  id += 1;
  return {
    id,
    releaseId: 1,
    title: `risk ${id}`,
    severity: 3,
    likelihood: 3,
    ownerId: 'UTECH',
    mitigation: null,
    dueDate: null,
    status: 'open',
    createdBy: 'URM',
    createdAt: new Date('2026-11-23T09:00:00Z'),
    updatedAt: new Date('2026-11-23T09:00:00Z'),
    reviewedAt: null,
    closedAt: null,
    ...overrides,
  };
}

test('score is severity × likelihood; highest first, ties by severity', () => {
  const a = risk({ severity: 2, likelihood: 5 });
  const b = risk({ severity: 5, likelihood: 2 });
  const c = risk({ severity: 5, likelihood: 5 });
  expect(riskScore(c)).toBe(25);
  expect([a, b, c].sort(byScore).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
  expect(parseLevel('5')).toBe(5);
  expect(parseLevel('0')).toBeUndefined();
  expect(parseLevel('6')).toBeUndefined();
  expect(parseLevel('x')).toBeUndefined();
});

test('overdue means open with a mitigation date before today', () => {
  expect(isOverdue({ status: 'open', dueDate: '2026-12-01' }, '2026-12-02')).toBe(true);
  expect(isOverdue({ status: 'open', dueDate: '2026-12-02' }, '2026-12-02')).toBe(false);
  expect(isOverdue({ status: 'mitigated', dueDate: '2026-12-01' }, '2026-12-05')).toBe(false);
});

test('the report: top by score, new/changed/closed since last week, unowned, overdue, trend', () => {
  const since = new Date('2026-11-30T09:00:00Z');
  const old = risk({ severity: 4, likelihood: 4, dueDate: '2026-12-01' });
  const fresh = risk({ severity: 5, likelihood: 3, ownerId: null });
  const gone = risk({ status: 'closed' });
  const later = new Date('2026-12-01T09:00:00Z');
  const history = [
    {
      id: 1,
      riskId: old.id,
      actorId: 'URM',
      change: 'created' as const,
      before: null,
      after: null,
      note: null,
      at: new Date('2026-11-23T09:00:00Z'),
    },
    {
      id: 2,
      riskId: old.id,
      actorId: 'URM',
      change: 'updated' as const,
      before: null,
      after: null,
      note: null,
      at: later,
    },
    {
      id: 3,
      riskId: fresh.id,
      actorId: 'URM',
      change: 'created' as const,
      before: null,
      after: null,
      note: null,
      at: later,
    },
    {
      id: 4,
      riskId: gone.id,
      actorId: 'URM',
      change: 'closed' as const,
      before: null,
      after: null,
      note: null,
      at: later,
    },
  ];
  const previous = { takenAt: since, openCount: 1, totalScore: 16, highCount: 1 };
  const report = buildRiskReport({
    risks: [old, fresh, gone],
    history,
    previous,
    since,
    now: new Date('2026-12-07T09:00:00Z'),
    today: '2026-12-07',
    targetDate: '2026-12-10',
  });
  expect(report.top.map((r) => r.id)).toEqual([old.id, fresh.id]);
  expect(report.added.map((r) => r.id)).toEqual([fresh.id]);
  expect(report.changed.map((r) => r.id)).toEqual([old.id]);
  expect(report.closed.map((r) => r.id)).toEqual([gone.id]);
  expect(report.unowned.map((r) => r.id)).toEqual([fresh.id]);
  expect(report.overdue.map((r) => r.id)).toEqual([old.id]);
  expect(report.totals).toMatchObject({ openCount: 2, totalScore: 31, highCount: 2 });
  expect(report.trend).toEqual({ openDelta: 1, scoreDelta: 15, highDelta: 1 });
  expect(report.daysToTarget).toBe(3);
  expect(trendOf(snapshotOf([], since), undefined)).toBeUndefined();
});
