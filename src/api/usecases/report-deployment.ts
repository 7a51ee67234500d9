import { readinessChanged } from '../../core/contributions.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { type DeploymentGate, getDeploymentGate, shipForPipeline } from '../../gate/index.ts';
import { applyStatusChange, informedOfLifecycle } from '../../releases/index.ts';
import type { ApiDeps } from '../deps.ts';
import {
  type Deployment,
  type DeploymentOutcome,
  type DeploymentStatus,
  isProduction,
  type NewDeployment,
  startAdmitted,
} from '../domain/deployments.ts';
import { gateActors, gateReasonText } from '../domain/gate-answer.ts';
import { type ApiProblem, plainText, problem } from '../domain/problems.ts';
import type { PipelineNotice } from '../ports.ts';
import { namesOf } from './release-view.ts';

export type DeploymentReport = {
  environment: string;
  status: DeploymentStatus;
  version?: string | undefined;
  url?: string | undefined;
};

export type DeploymentAnswer = {
  ok: true;
  deployment: Deployment;
  release: Release;
  /** The gate as the report found it (production starts and successes). */
  gate: DeploymentGate | undefined;
};

type Recorded = { ok: true; deployment: Deployment; release: Release; gate: DeploymentGate | undefined } | ApiProblem;

/**
 * `POST …/deployments`: every report is kept with its time. Only production moves the release:
 *
 * - `started` asks the deployment gate (`getDeploymentGate`, as `/release ship` does): open, it is admitted;
 *   pending or closed, it is refused with the reasons, and kept and announced as a blocked attempt;
 * - `succeeded` ships the release through the gate (`shipForPipeline`), in the transaction that records it; a
 *   release already shipped is only recorded;
 * - `failed` is announced with a button that opens the rollback poll;
 * - `rolled_back` marks a shipped release rolled back.
 *
 * Other environments are recorded and shown, and change nothing. `actorId` is the pipeline's (`ci:<token name>`).
 */
export async function reportDeployment(
  deps: ApiDeps,
  input: { actorId: string; release: Release; report: DeploymentReport },
): Promise<DeploymentAnswer | ApiProblem> {
  const { report } = input;
  const now = deps.clock.now();
  const { actorId } = input;
  const row = (release: Release, outcome: DeploymentOutcome, blockedBy: string[] | null = null): NewDeployment => ({
    teamId: release.teamId,
    releaseId: release.id,
    environment: report.environment,
    status: report.status,
    version: report.version ?? null,
    url: report.url ?? null,
    reportedBy: actorId,
    at: now,
    outcome,
    blockedBy,
  });
  const audit = (release: Release, deployment: Deployment) =>
    deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId,
      action: `deployment.${deployment.outcome === 'blocked' ? 'blocked' : deployment.status}`,
      subject: deployment.environment,
      after: { deploymentId: deployment.id, version: deployment.version, outcome: deployment.outcome },
      at: now,
    });

  const recorded = await deps.store.transaction(async (): Promise<Recorded> => {
    const release = await deps.store.releases.findById(input.release.id);
    if (!release || !isActive(release)) {
      const name = release?.name ?? input.release.name;
      return problem('conflict', `Release ${name} has ended; report deployments on the channel's active release.`);
    }
    const record = async (outcome: DeploymentOutcome, gate?: DeploymentGate, current: Release = release) => {
      const blockedBy = outcome === 'blocked' && gate ? gate.reasons.map((r) => r.code) : null;
      const deployment = await deps.store.api.insertDeployment(row(current, outcome, blockedBy));
      await audit(current, deployment);
      return { ok: true as const, deployment, release: current, gate };
    };
    if (!isProduction(report.environment)) return record('recorded');
    switch (report.status) {
      case 'started': {
        const gate = await getDeploymentGate(deps, release);
        return record(gate.gate === 'open' ? 'admitted' : 'blocked', gate);
      }
      case 'succeeded': {
        if (release.status === 'shipped') return record('recorded');
        const admitted = startAdmitted(await deps.store.api.deploymentsOf(release.id));
        const shipped = await shipForPipeline(deps, { before: release, actorId, now, startAdmitted: admitted });
        if (shipped.ok) return record('shipped', shipped.gate, shipped.release);
        if (shipped.gate) return record('blocked', shipped.gate);
        return problem('conflict', plainText(shipped.message));
      }
      case 'failed':
        return record('recorded');
      case 'rolled_back': {
        if (release.status !== 'shipped') return record('recorded');
        const changed = await applyStatusChange(deps, { before: release, actorId, action: 'rolledback', now });
        if (!changed.ok) return problem('conflict', plainText(changed.message));
        return record('rolled_back', undefined, changed.release);
      }
    }
  });
  if (!recorded.ok) return recorded;
  const { deployment, release, gate } = recorded;
  if (deployment.outcome === 'shipped' || deployment.outcome === 'rolled_back') {
    await readinessChanged(deps, release.id);
  }
  await announce(deps, await noticeFor(deps, deployment, release, gate));
  if (deployment.outcome === 'blocked' && gate) {
    const name = await namesOf(deps, gateActors(gate));
    const reasons = gate.reasons.map((r) => gateReasonText(r, name)).join(' ');
    return problem(
      'deployment_blocked',
      `The deployment gate of release ${release.name} is ${gate.gate}: ${reasons} The attempt is recorded and ` +
        'announced in the release channel.',
      { extra: { gate: gate.gate, deployment_id: deployment.id } },
    );
  }
  return { ok: true, deployment, release, gate };
}

async function noticeFor(
  deps: ApiDeps,
  deployment: Deployment,
  release: Release,
  gate: DeploymentGate | undefined,
): Promise<PipelineNotice | undefined> {
  if (!isProduction(deployment.environment)) return undefined;
  switch (deployment.outcome) {
    case 'admitted':
      return gate ? { kind: 'deployment_started', release, deployment, gate } : undefined;
    case 'blocked':
      return gate ? { kind: 'deployment_blocked', release, deployment, gate } : undefined;
    case 'shipped':
      return gate
        ? { kind: 'shipped', release, deployment, gate, informed: await informedOfLifecycle(deps, release, 'ship') }
        : undefined;
    case 'rolled_back':
      return {
        kind: 'rolled_back',
        release,
        deployment,
        informed: await informedOfLifecycle(deps, release, 'rolledback'),
      };
    case 'recorded':
      return deployment.status === 'failed' ? { kind: 'deployment_failed', release, deployment } : undefined;
  }
}

async function announce(deps: ApiDeps, notice: PipelineNotice | undefined): Promise<void> {
  if (!notice) return;
  await deps.pipelineMessenger
    .announce(notice)
    .catch((error: unknown) => deps.logger.warn(`could not announce a deployment of ${notice.release.name}`, error));
}
