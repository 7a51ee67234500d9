import type { PollRef, RetroItem } from '../../core/contributions.ts';
import { escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import type { MetricsFacts } from '../../core/domain/reports.ts';
import type { WaitingSource } from '../../releases/index.ts';
import type { GateDeps } from '../deps.ts';
import { type DeploymentGate, emergencyShipOf, governingDecision } from '../domain/gate.ts';
import { getDeploymentGate } from './get-deployment-gate.ts';

/** For the metrics: whether the release was shipped past the gate, so it is counted apart. */
export async function emergencyMetricsSource(deps: GateDeps, release: Release): Promise<Partial<MetricsFacts>> {
  return { emergencyShip: emergencyShipOf(await deps.store.decisions.forRelease(release.id)) !== undefined };
}

/** After an emergency ship, the retrospective must ask why the gate was bypassed; the Release Manager answers. */
export async function gateRetroItems(deps: GateDeps, release: Release): Promise<RetroItem[]> {
  const emergency = emergencyShipOf(await deps.store.decisions.forRelease(release.id));
  if (!emergency) return [];
  return [
    {
      key: 'gate_bypassed',
      question: 'Why was the gate bypassed?',
      context:
        `${escapeMrkdwn(emergency.outcome)} by <@${emergency.decidedBy}>: ` +
        `“${escapeMrkdwn((emergency.rationale ?? '').slice(0, 300))}”. What would have let it ship through the gate?`,
      requiredFrom: ['rm'],
    },
  ];
}

/** The gate and the emergency ship (if any), for `/release status`. */
export async function gateStatus(
  deps: GateDeps,
  release: Release,
): Promise<{ gate: DeploymentGate; emergency: ReturnType<typeof emergencyShipOf> }> {
  return {
    gate: await getDeploymentGate(deps, release),
    emergency: emergencyShipOf(await deps.store.decisions.forRelease(release.id)),
  };
}

/**
 * The gate as a go/no-go poll's message shows it: only on the poll whose Go is in force, while the release has not
 * shipped. Undefined for every other poll.
 */
export async function gateForGoPoll(
  deps: GateDeps,
  poll: PollRef,
): Promise<{ release: Release; gate: DeploymentGate } | undefined> {
  if (poll.activity !== 'go_no_go' || poll.status !== 'decided' || poll.decision !== 'go') return undefined;
  const release = await deps.store.releases.findById(poll.releaseId);
  if (!release || (release.status !== 'planning' && release.status !== 'approved')) return undefined;
  const governing = governingDecision(await deps.store.decisions.forRelease(release.id));
  const pollId = governing.kind === 'go' ? (governing.decision.details as { pollId?: unknown } | null)?.pollId : null;
  if (pollId !== poll.id) return undefined;
  return { release, gate: await getDeploymentGate(deps, release) };
}

/**
 * App Home: once the gate is open, the Release Manager and DevOps are told the next step is the deployment; the
 * Release Manager is told when a Go of theirs needs re-confirmation before anything ships.
 */
export const gateWaiting: WaitingSource<GateDeps> = async (deps, item) => {
  const { release } = item;
  const ships = item.roles.includes('rm') || item.roles.includes('devops');
  if (!ships || (release.status !== 'planning' && release.status !== 'approved')) return [];
  const gate = await getDeploymentGate(deps, release);
  // After the Go the next step is the deployment: say so to the two roles that record it.
  if (gate.gate === 'open') {
    return [
      `The deployment gate of ${releaseLabel(release)} is open: once production is deployed, record it with ` +
        '`/release ship` (a pipeline with a token records it by itself).',
    ];
  }
  if (!item.roles.includes('rm')) return [];
  if (gate.stale.length === 0 || !gate.reasons.some((r) => r.code === 'needs_reconfirmation')) return [];
  const n = gate.stale.length;
  return [
    `The Go on ${releaseLabel(release)} needs your re-confirmation (${n} change${n === 1 ? '' : 's'} since): ` +
      '`/release ship`, or Confirm Go on the poll.',
  ];
};
