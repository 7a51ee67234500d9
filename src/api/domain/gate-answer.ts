import { actorLabel } from '../../core/domain/actors.ts';
import type { GateEvent } from '../../core/domain/gate-events.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { DeploymentGate, GateReason, GateState } from '../../gate/domain/gate.ts';
import type { ProblemKind } from './problems.ts';

/** How `GET …/gate` answers each state: 200 open, 409 pending, 403 closed (as problem details). */
export function gateProblemKind(gate: GateState): ProblemKind | undefined {
  if (gate === 'pending') return 'gate_pending';
  if (gate === 'closed') return 'gate_closed';
  return undefined;
}

/** Names people and pipelines the way an HTTP client reads them: "Rosa Martin (URM)", "CI (deploy)". */
export type NameOf = (actorId: string) => string;

const iso = (at: Date) => at.toISOString();

function eventText(event: GateEvent, name: NameOf): string {
  switch (event.kind) {
    case 'checklist_unticked':
      return `“${event.label}” was unticked by ${name(event.actorId)} at ${iso(event.at)}`;
    case 'risk_raised':
      return event.previousScore === null
        ? `risk #${event.riskId} “${event.title}” (score ${event.score}) was added at ${iso(event.at)}`
        : `risk #${event.riskId} “${event.title}” was raised to score ${event.score} at ${iso(event.at)}`;
    case 'escalation_reached':
      return `escalation #${event.escalationId} “${event.summary}” reached level ${event.level} at ${iso(event.at)}`;
  }
}

/** One reason holding the gate, in plain words, with what to do about it. */
export function gateReasonText(reason: GateReason, name: NameOf): string {
  switch (reason.code) {
    case 'no_go_yet':
      return 'No Go decision yet: the Release Manager runs the go/no-go (/release gonogo).';
    case 'no_go':
      return `A No-Go is in force (decided by ${name(reason.decision.decidedBy)} at ${iso(reason.decision.decidedAt)}): deploying needs a newer Go.`;
    case 'roll_back':
      return `A rollback decision "roll back" is in force (decided by ${name(reason.decision.decidedBy)} at ${iso(reason.decision.decidedAt)}): deploying needs a newer Go.`;
    case 'poll_open':
      return 'A new go/no-go poll is open: its decision replaces the earlier Go.';
    case 'needs_reconfirmation':
      return `The Go needs re-confirmation by the Release Manager; since it, ${reason.events.map((e) => eventText(e, name)).join('; ')}.`;
    case 'open_items': {
      const items = reason.items.map((i) => `“${i.label}” (${ROLE_LABELS[i.owner]})`).join(', ');
      return `Checklist items are open without an override: ${items}.`;
    }
  }
}

/** The ids of everyone a gate answer names, so the caller can look their names up once. */
export function gateActors(gate: DeploymentGate): string[] {
  const ids = new Set<string>();
  if (gate.go) ids.add(gate.go.decidedBy);
  if (gate.confirmation) ids.add(gate.confirmation.decidedBy);
  for (const reason of gate.reasons) {
    if (reason.code === 'no_go' || reason.code === 'roll_back') ids.add(reason.decision.decidedBy);
    if (reason.code === 'needs_reconfirmation') for (const e of reason.events) if (e.actorId) ids.add(e.actorId);
  }
  return [...ids];
}

/** A pipeline's or a person's label when no directory name is known. */
export const fallbackName: NameOf = (id) => actorLabel(id);
