import { standupMetricsSource } from '../../cadence/usecases/standup-reporting.ts';
import type { Deps } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import { escalationMetricsSource } from '../../escalation/usecases/escalation-reporting.ts';
import { CHECKLIST_OVERRIDE_AREA } from '../../governance/domain/authority.ts';
import { votesMetricsSource } from '../../polls/usecases/poll-reporting.ts';
import { computeMetrics, type Metric, type MetricsRelease } from '../domain/metrics.ts';

/**
 * What another capability knows about one finished release: standups prompted and answered, escalations, votes.
 * Each capability adds its source to METRICS_SOURCES; a field no source fills stays undefined and its metric says
 * "no data".
 */
export type MetricsSource = (
  deps: Deps,
  release: Release,
) => Partial<Pick<MetricsRelease, 'standups' | 'escalations' | 'votes'>>;

export const METRICS_SOURCES: MetricsSource[] = [escalationMetricsSource, standupMetricsSource, votesMetricsSource];

/** The read model of one finished release from the foundation's tables plus the plugged-in sources. */
export function metricsReleaseOf(deps: Deps, release: Release, sources: readonly MetricsSource[]): MetricsRelease {
  const decisions = deps.store.decisions.forRelease(release.id);
  const shippedAt = release.shippedAt;
  const go = decisions
    .filter((d) => d.kind === 'go_no_go' && d.outcome === 'go' && (shippedAt === null || d.decidedAt <= shippedAt))
    .at(-1);
  const base: MetricsRelease = {
    id: release.id,
    name: release.name,
    status: release.status,
    targetDate: release.targetDate,
    timeZone: release.timeZone,
    shippedAt,
    endedAt: release.endedAt,
    goDecidedAt: go?.decidedAt ?? null,
    checklistOverrides: decisions.filter((d) => d.kind === 'authority' && d.area === CHECKLIST_OVERRIDE_AREA).length,
  };
  for (const source of sources) Object.assign(base, source(deps, release));
  return base;
}

export type MetricsReport = { teamId: string; requested: number; releases: MetricsRelease[]; metrics: Metric[] };

/** The success metrics over the last `last` finished releases of the workspace. */
export function getMetrics(
  deps: Deps,
  input: { teamId: string; last: number },
  sources: readonly MetricsSource[] = METRICS_SOURCES,
): MetricsReport {
  const releases = deps.store.releases
    .listFinished(input.teamId, input.last)
    .map((release) => metricsReleaseOf(deps, release, sources));
  return { teamId: input.teamId, requested: input.last, releases, metrics: computeMetrics(releases) };
}
