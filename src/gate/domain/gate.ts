import type { GateEvent } from '../../core/domain/gate-events.ts';
import type { Role } from '../../core/domain/roles.ts';
import { GATE_OVERRIDE_AREA, GO_RECONFIRMED_AREA } from '../../governance/domain/authority.ts';
import type { Decision } from '../../governance/domain/decision.ts';

/**
 * The deployment gate: may this release deploy now? Pure, over the facts the use case reads (the decision log, the
 * checklist, an open go/no-go poll, and what happened since the Go).
 *
 * - **open**: a Go decision is in force, nothing since has made it stale (or the Release Manager re-confirmed it),
 *   and every checklist item is ticked or overridden with a recorded reason;
 * - **pending**: no Go yet, a new go/no-go poll is open, the Go needs re-confirmation, or items are open;
 * - **closed**: the latest go/no-go decision is No-Go, or a rollback decision "roll back" came after the last Go.
 *
 * `/release ship` and (issue 14) a pipeline's "deployment started" ask this same function through
 * `getDeploymentGate`.
 */
export const GATE_STATES = ['open', 'pending', 'closed'] as const;
export type GateState = (typeof GATE_STATES)[number];

/** A risk at or above this score, added (or raised to it) after a Go, makes the Go stale. */
export const STALE_RISK_SCORE = 15;
/** An escalation reaching this level after a Go makes the Go stale (seed: Level 3, Executive). */
export const STALE_ESCALATION_LEVEL = 3;

/** Which events make a Go stale: an untick, a risk of score ≥ 15 added or raised to it, a level-3 escalation. */
export function makesGoStale(event: GateEvent): boolean {
  switch (event.kind) {
    case 'checklist_unticked':
      return true;
    case 'risk_raised':
      return (
        event.score >= STALE_RISK_SCORE && (event.previousScore === null || event.previousScore < STALE_RISK_SCORE)
      );
    case 'escalation_reached':
      return event.level >= STALE_ESCALATION_LEVEL;
  }
}

export type DecisionRef = Pick<Decision, 'id' | 'decidedBy' | 'decidedAt' | 'rationale'>;
export type ItemRef = { key: string; label: string; owner: Role };

export type GateReason =
  | { code: 'no_go_yet' }
  | { code: 'no_go'; decision: DecisionRef }
  | { code: 'roll_back'; decision: DecisionRef }
  | { code: 'poll_open' }
  | { code: 'needs_reconfirmation'; events: GateEvent[] }
  | { code: 'open_items'; items: ItemRef[] };

export type DeploymentGate = {
  gate: GateState;
  /** What holds the gate, in the order people should act on it; empty when open. */
  reasons: GateReason[];
  /** The Go decision in force, if any. */
  go: DecisionRef | null;
  /** The newest re-confirmation of that Go by the Release Manager, if any. */
  confirmation: DecisionRef | null;
  /** Since the Go (or its newest re-confirmation): the events that make it stale. */
  stale: GateEvent[];
};

export type GateFacts = {
  /** The release's decision log, oldest first. */
  decisions: readonly Decision[];
  /** A go/no-go poll is open: the Go (if any) is being reconsidered. */
  goNoGoPollOpen: boolean;
  /** The open checklist items no override covers. */
  uncoveredItems: readonly ItemRef[];
  /** What happened after the Go decision (the sources are asked from the Go on). */
  events: readonly GateEvent[];
};

const ref = (d: Decision): DecisionRef => ({
  id: d.id,
  decidedBy: d.decidedBy,
  decidedAt: d.decidedAt,
  rationale: d.rationale,
});

/**
 * The decision that governs the gate: the latest go/no-go decision, unless a rollback decision "roll back" came
 * after it. The log is ordered (time, then id), so "after" is its order, not a clock comparison.
 */
export function governingDecision(
  decisions: readonly Decision[],
): { kind: 'none' } | { kind: 'go' | 'no_go' | 'roll_back'; decision: Decision } {
  let governing: { kind: 'go' | 'no_go' | 'roll_back'; decision: Decision } | undefined;
  for (const d of decisions) {
    if (d.kind === 'go_no_go' && (d.outcome === 'go' || d.outcome === 'no_go')) {
      governing = { kind: d.outcome, decision: d };
    } else if (d.kind === 'rollback' && d.outcome === 'rollback') {
      governing = { kind: 'roll_back', decision: d };
    }
  }
  return governing ?? { kind: 'none' };
}

/** The newest re-confirmation of the Go decision `goId`. */
export function latestConfirmation(decisions: readonly Decision[], goId: number): Decision | undefined {
  return decisions
    .filter((d) => d.kind === 'authority' && d.area === GO_RECONFIRMED_AREA)
    .filter((d) => (d.details as { goDecisionId?: unknown } | null)?.goDecisionId === goId)
    .at(-1);
}

/** The emergency ship of the release, if it had one (an override of the gate, in the decision log). */
export function emergencyShipOf(decisions: readonly Decision[]): Decision | undefined {
  return decisions.find((d) => d.kind === 'authority' && d.area === GATE_OVERRIDE_AREA);
}

export function decideDeploymentGate(facts: GateFacts): DeploymentGate {
  const governing = governingDecision(facts.decisions);
  const reasons: GateReason[] = [];
  let go: DecisionRef | null = null;
  let confirmation: DecisionRef | null = null;
  let stale: GateEvent[] = [];
  let closed = false;
  if (governing.kind === 'none') reasons.push({ code: 'no_go_yet' });
  else if (governing.kind === 'no_go' || governing.kind === 'roll_back') {
    reasons.push({ code: governing.kind, decision: ref(governing.decision) });
    closed = true;
  } else {
    go = ref(governing.decision);
    const confirmed = latestConfirmation(facts.decisions, governing.decision.id);
    confirmation = confirmed ? ref(confirmed) : null;
    const since = (confirmed ?? governing.decision).decidedAt.getTime();
    stale = facts.events.filter((e) => e.at.getTime() > since && makesGoStale(e));
    if (facts.goNoGoPollOpen) reasons.push({ code: 'poll_open' });
    if (stale.length > 0) reasons.push({ code: 'needs_reconfirmation', events: stale });
  }
  if (facts.uncoveredItems.length > 0) reasons.push({ code: 'open_items', items: [...facts.uncoveredItems] });
  const gate: GateState = closed ? 'closed' : reasons.length > 0 ? 'pending' : 'open';
  return { gate, reasons, go, confirmation, stale };
}

/** Whether the one thing between the gate and open is the Release Manager's re-confirmation. */
export function onlyNeedsReconfirmation(gate: DeploymentGate): boolean {
  return gate.reasons.length === 1 && gate.reasons[0]?.code === 'needs_reconfirmation';
}
