import type { Failure } from '../../core/deps.ts';
import { fail } from '../../core/deps.ts';
import { isPipelineActor } from '../../core/domain/actors.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import type { GateDeps } from '../deps.ts';
import type { DeploymentGate } from '../domain/gate.ts';
import { getDeploymentGate } from './get-deployment-gate.ts';
import { shipThroughGate, whyNotShippable } from './ship-release.ts';

export type PipelineShipResult =
  | { ok: true; release: Release; gate: DeploymentGate }
  | (Failure & { gate: DeploymentGate | undefined });

/**
 * A pipeline's production deployment succeeded (the HTTP API, src/api): the release ships through the gate, as with
 * `/release ship`, except for who. A pipeline holds no role; its token is the Release Manager's grant for the
 * channel, and the ship is recorded as `ci:<token name>`.
 *
 * Runs inside the caller's transaction, which records the deployment too, so both land or neither does (and the
 * caller tells the polls after it commits). The gate must be open, with one exception: when the deployment's start
 * was let through an open gate (`startAdmitted`), the deployment that gate admitted may land while the Go has since
 * only gone stale or been put to a new poll. A No-Go or a "roll back" since then closes the gate, and that refuses it.
 */
export async function shipForPipeline(
  deps: GateDeps,
  input: { before: Release; actorId: string; now: Date; startAdmitted: boolean },
): Promise<PipelineShipResult> {
  const { before, now } = input;
  if (!isPipelineActor(input.actorId)) return { ...fail('Only a pipeline reports deployments.'), gate: undefined };
  const notShippable = whyNotShippable(before);
  if (notShippable) return { ...fail(notShippable), gate: undefined };
  const gate = await getDeploymentGate(deps, before);
  const admitted = gate.gate === 'open' || (input.startAdmitted && gate.gate === 'pending');
  if (!admitted) return { ...fail(`The deployment gate of ${releaseLabel(before)} is ${gate.gate}.`), gate };
  const via = gate.gate === 'open' ? 'gate_open' : 'admitted_at_start';
  const shipped = await shipThroughGate(deps, { before, actorId: input.actorId, gate, now, via });
  if (!shipped.ok) return { ...shipped, gate };
  return { ok: true, release: shipped.release, gate };
}
