/**
 * A deployment a pipeline reported: kept with its time whatever it did, so the metrics can read deployment events and
 * the status can show every environment. Only production moves the release: a start asks the gate, a success ships,
 * a rollback marks it rolled back. Other environments are recorded and shown, and change nothing.
 */
export const DEPLOYMENT_STATUSES = ['started', 'succeeded', 'failed', 'rolled_back'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const PRODUCTION = 'production';

/**
 * What the report did: `admitted` (a production start the gate let through), `blocked` (refused by the gate, kept as
 * an attempt), `shipped` (the success that shipped the release), `rolled_back` (marked the release rolled back),
 * `recorded` (kept and shown, no state changed: another environment, a failure, a success on a release already
 * shipped).
 */
export const DEPLOYMENT_OUTCOMES = ['admitted', 'blocked', 'shipped', 'rolled_back', 'recorded'] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

export type Deployment = {
  id: number;
  teamId: string;
  releaseId: number;
  environment: string;
  status: DeploymentStatus;
  version: string | null;
  url: string | null;
  /** `ci:<token name>`. */
  reportedBy: string;
  at: Date;
  outcome: DeploymentOutcome;
  /** Why a blocked attempt was refused (the gate's reason codes), for the record. */
  blockedBy: string[] | null;
};

export type NewDeployment = Omit<Deployment, 'id'>;

export const ENVIRONMENT_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
export const MAX_VERSION = 100;

export function isProduction(environment: string): boolean {
  return environment === PRODUCTION;
}

/**
 * Whether the release's latest production start was let through the gate and has not ended yet (no success or
 * failure reported after it): the deployment that start began may then land although the Go has since gone stale.
 */
export function startAdmitted(deployments: readonly Deployment[]): boolean {
  const production = deployments.filter((d) => isProduction(d.environment) && d.outcome !== 'blocked');
  for (let i = production.length - 1; i >= 0; i -= 1) {
    const d = production[i] as Deployment;
    if (d.status === 'started') return d.outcome === 'admitted';
    if (d.status === 'succeeded' || d.status === 'failed') return false;
  }
  return false;
}

/** The latest report per environment, production first, then by name. */
export function latestPerEnvironment(deployments: readonly Deployment[]): Deployment[] {
  const latest = new Map<string, Deployment>();
  for (const d of deployments) latest.set(d.environment, d);
  return [...latest.values()].sort((a, b) =>
    isProduction(a.environment) ? -1 : isProduction(b.environment) ? 1 : a.environment.localeCompare(b.environment),
  );
}
