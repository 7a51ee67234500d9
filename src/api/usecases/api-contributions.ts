import { actorLabel } from '../../core/domain/actors.ts';
import { formatUtc, markdownText } from '../../core/domain/markdown.ts';
import type { Release } from '../../core/domain/release.ts';
import type { MetricsFacts, RecordSection } from '../../core/domain/reports.ts';
import type { ApiDeps } from '../deps.ts';
import { type Deployment, isProduction } from '../domain/deployments.ts';

/** For the metrics: the production deployments a pipeline reported (attempts the gate blocked left out). */
export async function deploymentsMetricsSource(deps: ApiDeps, release: Release): Promise<Partial<MetricsFacts>> {
  const reported = (await deps.store.api.deploymentsOf(release.id)).filter(
    (d) => isProduction(d.environment) && d.outcome !== 'blocked',
  );
  return { deployments: reported.map((d) => ({ status: d.status, at: d.at })) };
}

/** The release's reported deployments, for `/release status` (the view picks the latest per environment). */
export async function releaseDeployments(deps: ApiDeps, release: Release): Promise<Deployment[]> {
  return deps.store.api.deploymentsOf(release.id);
}

/** The exported record's "Deployments" section: every report, blocked attempts included. */
export async function deploymentsRecordSection(deps: ApiDeps, release: Release): Promise<RecordSection[]> {
  const deployments = await deps.store.api.deploymentsOf(release.id);
  if (deployments.length === 0) return [];
  return [
    {
      title: 'Deployments',
      lines: deployments.map((d) => {
        const version = d.version ? ` ${markdownText(d.version)}` : '';
        const blocked = d.blockedBy ? ` (refused by the gate: ${d.blockedBy.join(', ')})` : '';
        const link = d.url ? ` · ${markdownText(d.url)}` : '';
        return (
          `- ${formatUtc(d.at)} · ${markdownText(d.environment)}${version} · ${d.status.replace('_', ' ')} · ` +
          `${d.outcome.replace('_', ' ')}${blocked} · by ${markdownText(actorLabel(d.reportedBy))}${link}`
        );
      }),
    },
  ];
}
