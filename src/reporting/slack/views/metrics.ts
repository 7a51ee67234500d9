import type { KnownBlock } from '@slack/types';
import { formatDuration } from '../../../core/domain/duration.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import type { Metric, MetricValue } from '../../domain/metrics.ts';
import type { MetricsReport } from '../../usecases/get-metrics.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A metric's figure as people read it; "no data" says why instead of showing zero. */
export function formatMetricValue(value: MetricValue): string {
  switch (value.kind) {
    case 'rate':
      return `${Math.round((value.numerator / value.denominator) * 100)}% (${value.numerator} of ${value.denominator})`;
    case 'mean_duration':
      return `${formatDuration(value.meanMs)} on average (${plural(value.samples, value.unit ?? 'release')})`;
    case 'count':
      return `${value.count} (in ${plural(value.releasesWithAny, 'release')})`;
    case 'per_level':
      return value.levels
        .map(
          (l) =>
            `Level ${l.level}: ${l.count} · acknowledged in ${l.meanAckMs === null ? 'no data' : formatDuration(l.meanAckMs)} · resolved in ${l.meanResolveMs === null ? 'no data' : formatDuration(l.meanResolveMs)} (means)`,
        )
        .join('\n');
    case 'no_data':
      return `_No data_: ${value.reason}.`;
  }
}

function metricBlock(metric: Metric): KnownBlock {
  return section(
    `*${metric.label}*: ${formatMetricValue(metric.value)}\n_${metric.how} Based on ${plural(metric.basis, 'release')}._`,
  );
}

/** `/release metrics`: header · one section per metric (figure, how it is computed, basis) · context. */
export function buildMetricsMessage(report: MetricsReport): SlackMessage {
  const n = report.releases.length;
  const blocks: KnownBlock[] = [
    header(`Release metrics · last ${plural(n, 'finished release')}`),
    ...report.metrics.map(metricBlock),
    context(
      n < report.requested
        ? `Asked for the last ${report.requested}; the workspace has ${plural(n, 'finished release')} (done, rolled back or cancelled).`
        : `The last ${plural(n, 'finished release')} of this workspace (done, rolled back or cancelled), newest first.`,
    ),
  ];
  return { text: `Release metrics over the last ${plural(n, 'finished release')}`, blocks };
}
