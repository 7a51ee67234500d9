import { expect, test } from 'vitest';
import {
  buildRiskReport,
  byScore,
  isOverdue,
  parseLevel,
  type Risk,
  type RiskChange,
  riskBand,
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

type Change = RiskChange;
let changeId = 0;
function change(riskId: number, kind: Change['change'], at: Date, before: Partial<Risk> | null = null): Change {
  changeId += 1;
  return { id: changeId, riskId, actorId: 'URM', change: kind, before, after: null, note: null, at };
}

test('the report: each risk in one section, changes named, mitigated apart, each person asked once', () => {
  const since = new Date('2026-11-30T09:00:00Z');
  const later = new Date('2026-12-01T09:00:00Z');
  const before = new Date('2026-11-23T09:00:00Z');
  const raised = risk({ severity: 4, likelihood: 4, dueDate: '2026-12-01' }); // 16, was 9
  const fresh = risk({ severity: 5, likelihood: 3, ownerId: null }); // 15, new, no owner
  const gone = risk({ status: 'closed' }); // closed this week
  const quiet = risk({ severity: 2, likelihood: 2, ownerId: 'UQA' }); // 4, untouched
  const lowered = risk({ severity: 1, likelihood: 2, ownerId: 'UQA' }); // 2, was 10
  const mitigatedNow = risk({ status: 'mitigated', severity: 5, likelihood: 5 }); // open → mitigated this week
  const mitigatedLongAgo = risk({ status: 'mitigated', severity: 5, likelihood: 4 });
  const history = [
    change(raised.id, 'created', before),
    change(raised.id, 'updated', later, { severity: 3, likelihood: 3 }),
    change(fresh.id, 'created', later),
    change(gone.id, 'closed', later, { status: 'open' }),
    change(quiet.id, 'created', before),
    change(lowered.id, 'updated', later, { severity: 2, likelihood: 5 }),
    change(mitigatedNow.id, 'mitigated', later, { status: 'open' }),
    change(mitigatedLongAgo.id, 'mitigated', before, { status: 'open' }),
  ];
  const report = buildRiskReport({
    risks: [raised, fresh, gone, quiet, lowered, mitigatedNow, mitigatedLongAgo],
    history,
    previous: { takenAt: since, openCount: 3, totalScore: 23, highCount: 0 },
    since,
    now: new Date('2026-12-07T09:00:00Z'),
    today: '2026-12-07',
    targetDate: '2026-12-10',
    assigners: ['URM', 'UTECH'],
    topCount: 2,
  });
  const ids = (items: Array<{ risk: Risk }>) => items.map((i) => i.risk.id);
  expect(ids(report.top)).toEqual([raised.id, fresh.id]);
  expect(report.top[0]?.changes).toEqual([{ kind: 'score', from: 9, to: 16 }]);
  expect(report.top[0]?.flags).toEqual(['overdue']);
  expect(report.top[1]?.changes).toEqual([{ kind: 'new' }]);
  expect(report.top[1]?.flags).toEqual(['no_owner']);
  expect(ids(report.changed)).toEqual([lowered.id, mitigatedNow.id]);
  expect(report.changed[0]?.changes).toEqual([{ kind: 'score', from: 10, to: 2 }]);
  expect(report.changed[1]?.changes).toEqual([{ kind: 'status', from: 'open', to: 'mitigated' }]);
  expect(ids(report.closed)).toEqual([gone.id]);
  expect(report.mitigated.map((r) => r.id)).toEqual([mitigatedLongAgo.id]);
  expect(ids(report.otherOpen)).toEqual([quiet.id]);
  // No risk in two places.
  const everywhere = [
    ...ids(report.top),
    ...ids(report.changed),
    ...ids(report.closed),
    ...report.mitigated.map((r) => r.id),
    ...ids(report.otherOpen),
  ];
  expect(new Set(everywhere).size).toBe(everywhere.length);
  expect(everywhere).toHaveLength(7);
  // Untouched since the last report or overdue: its owner reviews it; an unowned one goes to the assigners.
  expect(report.needsReview).toEqual([
    { userId: 'UTECH', review: [raised.id], assign: [fresh.id] },
    { userId: 'UQA', review: [quiet.id], assign: [] },
    { userId: 'URM', review: [], assign: [fresh.id] },
  ]);
  // Mitigated risks are not open exposure.
  expect(report.totals).toMatchObject({
    openCount: 4,
    totalScore: 16 + 15 + 4 + 2,
    highCount: 2,
    mediumCount: 0,
    lowCount: 2,
    mitigatedCount: 2,
  });
  expect(report.trend).toEqual({ openDelta: 1, scoreDelta: 37 - 23, highDelta: 2 });
  expect(report.daysToTarget).toBe(3);
  expect(trendOf(snapshotOf([], since), undefined)).toBeUndefined();
});

test('bands: low below 5, medium below 12, high from 12', () => {
  expect([1, 4, 5, 11, 12, 25].map(riskBand)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
});
