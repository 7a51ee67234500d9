import { readinessChanged } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import { raiseEscalation } from '../../escalation/index.ts';
import { GATE_OVERRIDE_AREA } from '../../governance/domain/authority.ts';
import type { Decision } from '../../governance/domain/decision.ts';
import { applyStatusChange } from '../../releases/index.ts';
import type { GateDeps } from '../deps.ts';
import type { DeploymentGate, GateReason } from '../domain/gate.ts';
import { getDeploymentGate } from './get-deployment-gate.ts';
import { whyNotShippable } from './ship-release.ts';

export const MAX_EMERGENCY_REASON = 1000;

export type ShipPastGateResult =
  | {
      ok: true;
      release: Release;
      decision: Decision;
      /** The gate as it was when it was bypassed. */
      gate: DeploymentGate;
      /** The level-2 notice: its id, or why it could not be raised or posted. */
      escalation: { id: number | undefined; problem: string | undefined };
    }
  | Failure;

function reasonInWords(r: GateReason): string {
  switch (r.code) {
    case 'no_go_yet':
      return 'no Go decision';
    case 'no_go':
      return 'a No-Go in force';
    case 'roll_back':
      return 'a roll-back decision in force';
    case 'poll_open':
      return 'a go/no-go poll still open';
    case 'needs_reconfirmation':
      return 'a Go needing re-confirmation';
    case 'open_items':
      return `${r.items.length} checklist item${r.items.length === 1 ? '' : 's'} open`;
  }
}

/** What the gate was missing, in a few words, for the decision log and the escalation summary. */
export function missingInWords(reasons: readonly GateReason[]): string {
  return reasons.map(reasonInWords).join(', ');
}

/**
 * `/release ship emergency reason:"…"`: the Release Manager's hotfix authority (seed: "Approve hotfixes"), made
 * accountable. The reason is required and the gate must actually be holding (an open gate ships normally). One
 * transaction records the override of the gate in the decision log (area `gate_override`: the reason and what the
 * gate was missing), ships and audits; then a level-2 escalation is raised through the escalation module's entry,
 * so management hears of it. The caller announces it in the channel and to the Informed roles; the retrospective
 * asks "why was the gate bypassed" and the metrics count the release apart (this module's contributions).
 */
export async function shipPastGate(
  deps: GateDeps,
  input: { release: Release; actorId: string; reason: string },
): Promise<ShipPastGateResult> {
  const reason = input.reason.trim();
  if (reason === '') {
    return fail(
      'An emergency ship needs the reason: `/release ship emergency reason:"…"`. It is logged and announced.',
    );
  }
  if (reason.length > MAX_EMERGENCY_REASON) return fail(`Keep the reason under ${MAX_EMERGENCY_REASON} characters.`);
  const person = await deps.users.lookup(input.actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only a person ships past the gate.`);
  const now = deps.clock.now();
  const shipped = await deps.store.transaction(async () => {
    const before = await deps.store.releases.findById(input.release.id);
    if (!before) return fail('That release no longer exists.');
    const assignments = await deps.store.releases.assignments(before.id);
    if (!isReleaseManager(assignments, input.actorId)) {
      const managers = holdersOf(assignments, 'rm').map((id) => `<@${id}>`);
      return fail(
        `Only the ${ROLE_LABELS.rm}${managers.length > 0 ? ` (${managers.join(', ')})` : ''} ships past the gate: ` +
          'approving hotfixes is theirs.',
      );
    }
    const notShippable = whyNotShippable(before);
    if (notShippable) return fail(notShippable);
    const gate = await getDeploymentGate(deps, before);
    if (gate.gate === 'open') {
      return fail(`The deployment gate of ${releaseLabel(before)} is open: ship it normally with \`/release ship\`.`);
    }
    const missing = missingInWords(gate.reasons);
    const decision = await deps.store.decisions.record({
      teamId: before.teamId,
      releaseId: before.id,
      kind: 'authority',
      area: GATE_OVERRIDE_AREA,
      outcome: `Shipped past the gate (${missing})`,
      rationale: reason,
      decidedBy: input.actorId,
      decidedAt: now,
      details: {
        emergency: true,
        gate: gate.gate,
        missing: gate.reasons.map((r) => r.code),
        goDecisionId: gate.go?.id ?? null,
      },
    });
    const changed = await applyStatusChange(deps, { before, actorId: input.actorId, action: 'ship', now });
    if (!changed.ok) throw new Error(changed.message);
    await deps.store.audit.record({
      teamId: before.teamId,
      releaseId: before.id,
      actorId: input.actorId,
      action: 'gate.bypassed',
      subject: 'ship',
      before: { gate: gate.gate, missing: gate.reasons.map((r) => r.code) },
      after: { decisionId: decision.id, reason },
      at: now,
    });
    return { ok: true as const, release: changed.release, decision, gate, missing };
  });
  if (!shipped.ok) return shipped;
  await readinessChanged(deps, shipped.release.id);
  const raised = await raiseEscalation(deps, {
    release: shipped.release,
    raisedBy: input.actorId,
    summary: `Emergency ship of ${shipped.release.name} past the deployment gate (${shipped.missing}). Reason: ${reason}`,
    level: 2,
  });
  return {
    ok: true,
    release: shipped.release,
    decision: shipped.decision,
    gate: shipped.gate,
    escalation: raised.ok
      ? { id: raised.escalation.id, problem: raised.deliveryProblem }
      : { id: undefined, problem: raised.message },
  };
}
