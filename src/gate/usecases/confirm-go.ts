import { type Failure, fail } from '../../core/deps.ts';
import type { GateEvent } from '../../core/domain/gate-events.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import { GO_RECONFIRMED_AREA } from '../../governance/domain/authority.ts';
import type { Decision } from '../../governance/domain/decision.ts';
import type { GateDeps } from '../deps.ts';
import type { DeploymentGate } from '../domain/gate.ts';
import { getDeploymentGate } from './get-deployment-gate.ts';

export type ConfirmGoResult =
  | {
      ok: true;
      release: Release;
      /** False when the Go needed no re-confirmation (a second click): nothing was recorded. */
      changed: boolean;
      decision: Decision | undefined;
      /** What the confirmation stands by. */
      events: GateEvent[];
      gate: DeploymentGate;
    }
  | (Failure & { gate?: DeploymentGate });

/** A short, stable description of an event for the decision log's details. */
function eventSummary(event: GateEvent): Record<string, unknown> {
  switch (event.kind) {
    case 'checklist_unticked':
      return { kind: event.kind, at: event.at.toISOString(), key: event.key, by: event.actorId };
    case 'risk_raised':
      return { kind: event.kind, at: event.at.toISOString(), riskId: event.riskId, score: event.score };
    case 'escalation_reached':
      return { kind: event.kind, at: event.at.toISOString(), escalationId: event.escalationId, level: event.level };
  }
}

/**
 * The Release Manager's one click on a stale Go: "I have seen what changed and the Go stands". Recorded as an
 * `authority` decision (area `go_reconfirmed`, details: the Go and the events it stands by) and audited; it opens the
 * gate only when re-confirmation is all that holds it. An open item still needs a tick or an override, a No-Go or a
 * roll back needs a new Go, and an open poll needs its decision: those are refused with the way forward.
 */
export async function confirmGo(
  deps: GateDeps,
  input: { releaseId: number; actorId: string },
): Promise<ConfirmGoResult> {
  const person = await deps.users.lookup(input.actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only a person re-confirms a Go.`);
  const now = deps.clock.now();
  return deps.store.transaction(async (): Promise<ConfirmGoResult> => {
    const release = await deps.store.releases.findById(input.releaseId);
    if (!release) return fail('That release no longer exists.');
    if (!isActive(release) || release.status === 'shipped') {
      return fail(`${releaseLabel(release)} has shipped or ended; there is no Go left to re-confirm.`);
    }
    const assignments = await deps.store.releases.assignments(release.id);
    if (!isReleaseManager(assignments, input.actorId)) {
      const managers = holdersOf(assignments, 'rm').map((id) => `<@${id}>`);
      return fail(
        `Only the ${ROLE_LABELS.rm}${managers.length > 0 ? ` (${managers.join(', ')})` : ''} re-confirms the Go: the go/no-go decision is theirs.`,
      );
    }
    const gate = await getDeploymentGate(deps, release);
    if (!gate.go) return { ...fail(`${releaseLabel(release)} has no Go in force to re-confirm.`), gate };
    if (gate.reasons.some((r) => r.code === 'poll_open')) {
      return { ...fail('A new go/no-go poll is open: its decision replaces this Go. Decide the poll instead.'), gate };
    }
    if (gate.stale.length === 0) return { ok: true, release, changed: false, decision: undefined, events: [], gate };
    const open = gate.reasons.find((r) => r.code === 'open_items');
    if (open && open.code === 'open_items') {
      const items = open.items.map((i) => `“${i.label}” (${ROLE_LABELS[i.owner]})`).join(', ');
      const how = open.items.map((i) => `\`/release checklist override item:${i.key} &lt;reason&gt;\``).join(', ');
      return {
        ...fail(
          `Re-confirming would not open the gate: ${items} ${open.items.length === 1 ? 'is' : 'are'} open. ` +
            `Have the owner tick ${open.items.length === 1 ? 'it' : 'them'} again, or override with a reason (${how}), then confirm.`,
        ),
        gate,
      };
    }
    const decision = await deps.store.decisions.record({
      teamId: release.teamId,
      releaseId: release.id,
      kind: 'authority',
      area: GO_RECONFIRMED_AREA,
      outcome: `The Go stands after ${gate.stale.length} change${gate.stale.length === 1 ? '' : 's'}`,
      rationale: null,
      decidedBy: input.actorId,
      decidedAt: now,
      details: { goDecisionId: gate.go.id, events: gate.stale.map(eventSummary) },
    });
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'gate.go_reconfirmed',
      subject: String(gate.go.id),
      after: { decisionId: decision.id, events: gate.stale.length },
      at: now,
    });
    return {
      ok: true,
      release,
      changed: true,
      decision,
      events: gate.stale,
      gate: await getDeploymentGate(deps, release),
    };
  });
}
