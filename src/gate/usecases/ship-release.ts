import { readinessChanged } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { decideTransition, type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import { isReleaseManager } from '../../core/domain/roles.ts';
import { applyStatusChange, whyMayNotChangeStatus } from '../../releases/index.ts';
import type { GateDeps } from '../deps.ts';
import type { DeploymentGate } from '../domain/gate.ts';
import { getDeploymentGate } from './get-deployment-gate.ts';

export type ShipResult =
  | { ok: true; release: Release; gate: DeploymentGate }
  /** Refused by the gate: what holds it, and whether the person asking is the Release Manager (who can act on it). */
  | (Failure & { gate: DeploymentGate; release: Release; isReleaseManager: boolean })
  | Failure;

/** Why a release that may not take the ship step cannot, or undefined (the same words as the other lifecycle steps). */
export function whyNotShippable(release: Release): string | undefined {
  const transition = decideTransition(release, 'ship');
  if (transition.ok) return undefined;
  const allowed = transition.allowedFrom.map((s) => STATUS_LABELS[s]).join(' or ');
  return `${releaseLabel(release)} is ${STATUS_LABELS[release.status].toLowerCase()}; this needs it to be ${allowed}.`;
}

/**
 * Ships a release the gate let through, inside the caller's transaction, audited with who did it and the Go (and its
 * confirmation) it went through; `via` says how a pipeline's deployment got past the gate.
 */
export async function shipThroughGate(
  deps: GateDeps,
  input: { before: Release; actorId: string; gate: DeploymentGate; now: Date; via?: string },
): Promise<{ ok: true; release: Release } | Failure> {
  const { before, gate, now } = input;
  const shipped = await applyStatusChange(deps, { before, actorId: input.actorId, action: 'ship', now });
  if (!shipped.ok) return shipped;
  await deps.store.audit.record({
    teamId: before.teamId,
    releaseId: before.id,
    actorId: input.actorId,
    action: 'gate.passed',
    subject: 'ship',
    after: {
      goDecisionId: gate.go?.id ?? null,
      confirmationId: gate.confirmation?.id ?? null,
      ...(input.via ? { via: input.via } : {}),
    },
    at: now,
  });
  return { ok: true, release: shipped.release };
}

/**
 * `/release ship`: a person holding the Deployment row's A or R (DevOps or the Release Manager) records the
 * deployment, and only through the gate. One transaction checks who, the lifecycle, and the gate as it is now, then
 * ships (audited with who did it and the Go it went through). A refusal carries the gate, so the caller can say
 * what is missing and the way forward.
 */
export async function shipRelease(deps: GateDeps, input: { release: Release; actorId: string }): Promise<ShipResult> {
  const person = await deps.users.lookup(input.actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only a person ships a release.`);
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (): Promise<ShipResult> => {
    const before = await deps.store.releases.findById(input.release.id);
    if (!before) return fail('That release no longer exists.');
    const assignments = await deps.store.releases.assignments(before.id);
    const denied = whyMayNotChangeStatus(before, assignments, input.actorId, 'ship');
    if (denied) return fail(denied);
    const notShippable = whyNotShippable(before);
    if (notShippable) return fail(notShippable);
    const gate = await getDeploymentGate(deps, before);
    if (gate.gate !== 'open') {
      return {
        ...fail(`The deployment gate of ${releaseLabel(before)} is ${gate.gate}.`),
        gate,
        release: before,
        isReleaseManager: isReleaseManager(assignments, input.actorId),
      };
    }
    const shipped = await shipThroughGate(deps, { before, actorId: input.actorId, gate, now });
    return shipped.ok ? { ok: true, release: shipped.release, gate } : shipped;
  });
  // The Go's poll stops showing the gate once the release has shipped.
  if (result.ok) await readinessChanged(deps, result.release.id);
  return result;
}
