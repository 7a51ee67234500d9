import type { MetricsSource } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import { originalTarget } from '../../core/domain/schedule-change.ts';
import { CHECKLIST_OVERRIDE_AREA } from '../../governance/domain/authority.ts';
import type { ReportingDeps } from '../deps.ts';
import { computeMetrics, type Metric, type MetricsRelease } from '../domain/metrics.ts';

/**
 * The read model of one finished release from the foundation's tables plus what the other modules know (standups,
 * escalations, votes: their registered metrics sources). A field no source fills stays undefined: "no data".
 */
export async function metricsReleaseOf(
  deps: ReportingDeps,
  release: Release,
  sources: readonly MetricsSource[],
): Promise<MetricsRelease> {
  const decisions = await deps.store.decisions.forRelease(release.id);
  const changes = await deps.store.releases.scheduleChanges(release.id);
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
    originalTargetDate: originalTarget(release.targetDate, changes),
    reschedules: changes.length,
  };
  for (const source of sources) Object.assign(base, await source(release));
  return base;
}

export type MetricsReport = { teamId: string; requested: number; releases: MetricsRelease[]; metrics: Metric[] };

/** The success metrics over the last `last` finished releases of the workspace. */
export async function getMetrics(
  deps: ReportingDeps,
  input: { teamId: string; last: number },
  sources: readonly MetricsSource[] = deps.contributions.metrics,
): Promise<MetricsReport> {
  const releases: MetricsRelease[] = [];
  for (const release of await deps.store.releases.listFinished(input.teamId, input.last)) {
    releases.push(await metricsReleaseOf(deps, release, sources));
  }
  return { teamId: input.teamId, requested: input.last, releases, metrics: computeMetrics(releases) };
}
