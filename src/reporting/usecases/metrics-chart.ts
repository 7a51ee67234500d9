import type { Timer } from '../../core/domain/timers.ts';
import type { ReportingDeps } from '../deps.ts';
import { type MetricsChart, metricsChart } from '../domain/metrics-chart.ts';
import type { MetricsReport } from './get-metrics.ts';

export const METRICS_CHART_TIMER = 'metrics.chart';

/**
 * Schedules the chart of an answered `/release metrics` (the figures as the answer gave them ride in the payload):
 * the answer goes out at once, the chart follows on the next tick, drawn and sent once by whichever process runs it.
 */
export async function requestMetricsChart(
  deps: ReportingDeps,
  input: { report: MetricsReport; userId: string; requestId: string },
): Promise<void> {
  if (input.report.releases.length === 0) return;
  const key = `${METRICS_CHART_TIMER}:${input.report.teamId}:${input.userId}:${input.requestId}`;
  await deps.store.timers.schedule({
    kind: METRICS_CHART_TIMER,
    key,
    releaseId: null,
    dueAt: deps.clock.now(),
    payload: { key, userId: input.userId, chart: metricsChart(input.report.releases) },
  });
}

export async function metricsChartTimer(deps: ReportingDeps, timer: Timer): Promise<void> {
  const payload = timer.payload as { key?: string; userId?: string; chart?: MetricsChart } | null;
  if (!payload?.key || !payload.userId || !payload.chart) return;
  await deps.metricsCharts.send({ key: payload.key, userId: payload.userId, chart: payload.chart });
}
