import { expect, test } from 'vitest';
import type { GateEvent } from '../../../src/core/domain/gate-events.ts';
import {
  decideDeploymentGate,
  type GateFacts,
  governingDecision,
  makesGoStale,
  onlyNeedsReconfirmation,
} from '../../../src/gate/domain/gate.ts';
import type { Decision } from '../../../src/governance/domain/decision.ts';

const T0 = new Date('2026-12-09T14:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let nextId = 1;
function decision(kind: Decision['kind'], outcome: string, minutes: number, extra: Partial<Decision> = {}): Decision {
  nextId += 1;
  return {
    id: nextId,
    teamId: 'T0TEAM',
    releaseId: 1,
    kind,
    area: null,
    outcome,
    rationale: null,
    decidedBy: 'URM',
    decidedAt: at(minutes),
    details: null,
    ...extra,
  };
}

function facts(overrides: Partial<GateFacts>): GateFacts {
  return { decisions: [], goNoGoPollOpen: false, uncoveredItems: [], events: [], ...overrides };
}

const untick = (minutes: number): GateEvent => ({
  kind: 'checklist_unticked',
  at: at(minutes),
  actorId: 'UQA',
  key: 'tests_passing',
  label: 'All tests passing',
});
const risk = (minutes: number, score: number, previousScore: number | null = null): GateEvent => ({
  kind: 'risk_raised',
  at: at(minutes),
  actorId: 'UTECH',
  riskId: 1,
  title: 'x',
  score,
  previousScore,
});
const escalation = (minutes: number, level: number): GateEvent => ({
  kind: 'escalation_reached',
  at: at(minutes),
  actorId: 'UQA',
  escalationId: 1,
  summary: 'down',
  level,
});

test('no decision: pending, "no Go yet", with the open items alongside', () => {
  const gate = decideDeploymentGate(
    facts({ uncoveredItems: [{ key: 'monitoring', label: 'Monitoring configured', owner: 'devops' }] }),
  );
  expect(gate.gate).toBe('pending');
  expect(gate.reasons.map((r) => r.code)).toEqual(['no_go_yet', 'open_items']);
  expect(gate.go).toBeNull();
});

test('a Go in force with every item ticked or overridden: open', () => {
  const go = decision('go_no_go', 'go', 0);
  const gate = decideDeploymentGate(facts({ decisions: [go] }));
  expect(gate).toMatchObject({ gate: 'open', reasons: [], go: { id: go.id }, confirmation: null, stale: [] });
});

test.each([
  ['a No-Go after the Go', [decision('go_no_go', 'go', 0), decision('go_no_go', 'no_go', 5)], 'no_go'],
  ['a roll back after the Go', [decision('go_no_go', 'go', 0), decision('rollback', 'rollback', 5)], 'roll_back'],
])('%s closes the gate until a newer Go', (_name, decisions, code) => {
  const closed = decideDeploymentGate(facts({ decisions }));
  expect(closed.gate).toBe('closed');
  expect(closed.reasons[0]?.code).toBe(code);
  const newer = decideDeploymentGate(facts({ decisions: [...decisions, decision('go_no_go', 'go', 10)] }));
  expect(newer.gate).toBe('open');
});

test('"don’t roll back" changes nothing: the Go stays in force', () => {
  const go = decision('go_no_go', 'go', 0);
  expect(governingDecision([go, decision('rollback', 'no_rollback', 5)])).toMatchObject({ kind: 'go', decision: go });
});

test('the log order decides what is newer, not the clock reading', () => {
  const go = decision('go_no_go', 'go', 0);
  const noGo = decision('go_no_go', 'no_go', 0);
  expect(governingDecision([go, noGo]).kind).toBe('no_go');
  expect(governingDecision([noGo, go]).kind).toBe('go');
});

test('which events make a Go stale', () => {
  expect(makesGoStale(untick(1))).toBe(true);
  expect(makesGoStale(risk(1, 15))).toBe(true);
  expect(makesGoStale(risk(1, 14))).toBe(false);
  expect(makesGoStale(risk(1, 16, 12))).toBe(true);
  // Already high before: raising it further is not news to the Go.
  expect(makesGoStale(risk(1, 20, 16))).toBe(false);
  expect(makesGoStale(escalation(1, 3))).toBe(true);
  expect(makesGoStale(escalation(1, 2))).toBe(false);
});

test('an event after the Go makes it stale; the RM’s re-confirmation covers what came before it, not after', () => {
  const go = decision('go_no_go', 'go', 0);
  const events = [risk(10, 16), escalation(20, 2)];
  const stale = decideDeploymentGate(facts({ decisions: [go], events }));
  expect(stale.gate).toBe('pending');
  expect(stale.reasons.map((r) => r.code)).toEqual(['needs_reconfirmation']);
  expect(stale.stale).toEqual([events[0]]);
  expect(onlyNeedsReconfirmation(stale)).toBe(true);

  const confirmation = decision('authority', 'stands', 30, {
    area: 'go_reconfirmed',
    details: { goDecisionId: go.id },
  });
  const confirmed = decideDeploymentGate(facts({ decisions: [go, confirmation], events }));
  expect(confirmed).toMatchObject({ gate: 'open', confirmation: { id: confirmation.id }, stale: [] });

  const later = decideDeploymentGate(facts({ decisions: [go, confirmation], events: [...events, escalation(40, 3)] }));
  expect(later.gate).toBe('pending');
  expect(later.stale).toHaveLength(1);

  // A confirmation of another Go does not count.
  const other = decision('authority', 'stands', 30, { area: 'go_reconfirmed', details: { goDecisionId: 999 } });
  expect(decideDeploymentGate(facts({ decisions: [go, other], events })).gate).toBe('pending');
});

test('an open go/no-go poll holds a Go in force; an untick with the item still open holds it twice', () => {
  const go = decision('go_no_go', 'go', 0);
  expect(decideDeploymentGate(facts({ decisions: [go], goNoGoPollOpen: true })).reasons.map((r) => r.code)).toEqual([
    'poll_open',
  ]);
  const gate = decideDeploymentGate(
    facts({
      decisions: [go],
      events: [untick(5)],
      uncoveredItems: [{ key: 'tests_passing', label: 'All tests passing', owner: 'qa_lead' }],
    }),
  );
  expect(gate.reasons.map((r) => r.code)).toEqual(['needs_reconfirmation', 'open_items']);
  expect(onlyNeedsReconfirmation(gate)).toBe(false);
});
