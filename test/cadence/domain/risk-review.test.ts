import { expect, test } from 'vitest';
import type { Risk, RiskChange } from '../../../src/cadence/domain/risk.ts';
import { buildRiskReviewState, reviewLeft, reviewTotal } from '../../../src/cadence/domain/risk-review.ts';

const T0 = new Date('2026-11-23T09:00:00Z');
const START = new Date('2026-11-30T09:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

function risk(id: number, overrides: Partial<Risk> = {}): Risk {
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
    createdAt: T0,
    updatedAt: T0,
    reviewedAt: null,
    closedAt: null,
    ...overrides,
  };
}

let changeId = 0;
const change = (riskId: number, kind: RiskChange['change'], actorId: string, when: Date): RiskChange => ({
  id: ++changeId,
  riskId,
  actorId,
  change: kind,
  before: null,
  after: null,
  note: null,
  at: when,
});

test('who looked at which risk since the review started; the last look wins; older looks do not count', () => {
  const state = buildRiskReviewState({
    slot: '2026-11-30',
    startedAt: START,
    reportAt: at(240),
    risks: [
      risk(1),
      risk(2, { ownerId: 'UDEVOPS' }),
      risk(3, { ownerId: 'UDEVOPS' }),
      risk(4, { ownerId: null }), // nobody to review it
      risk(5, { status: 'closed', closedAt: T0 }), // closed before the review: not in it
      risk(6, { ownerId: 'UQA', status: 'closed', closedAt: at(3) }), // closed during it: done
    ],
    history: [
      change(1, 'reviewed', 'UTECH', T0), // last week's
      change(2, 'reviewed', 'UDEVOPS', at(1)),
      change(2, 'mitigated', 'URM', at(2)),
      change(6, 'closed', 'UQA', at(3)),
    ],
    leads: ['UTECH', 'UQA', 'UDEVOPS'],
    notesFrom: { progress: ['URM'], features: ['UPO'] },
    notes: [{ userId: 'URM', kind: 'progress', at: at(5) }],
  });
  expect(state.owners.map((o) => o.owner)).toEqual(['UTECH', 'UQA', 'UDEVOPS']);
  const looks = Object.fromEntries(state.owners.flatMap((o) => o.items.map((i) => [i.risk.id, i.look])));
  expect(state.owners.flatMap((o) => o.items.map((i) => i.risk.id))).toEqual([1, 6, 2, 3]);
  expect(looks[1]).toBeNull();
  expect(looks[2]).toEqual({ by: 'URM', at: at(2), change: 'mitigated' });
  expect(looks[3]).toBeNull();
  expect(looks[6]).toEqual({ by: 'UQA', at: at(3), change: 'closed' });
  expect([reviewTotal(state), reviewLeft(state)]).toEqual([4, 2]);
  expect(state.notes).toEqual([
    { kind: 'progress', from: ['URM'], added: [{ userId: 'URM', at: at(5) }] },
    { kind: 'features', from: ['UPO'], added: [] },
  ]);
});
