/**
 * The reporting module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { ReportingDeps } from './deps.ts';
export type { MetricsChartSender } from './ports.ts';
export { REPORTING_SUBCOMMANDS } from './slack/commands/reporting-commands.ts';
export { createMetricsChartSender } from './slack/gateways/metrics-chart.ts';
export { reportingHomeActions } from './slack/home-actions.ts';
export { registerReportingListeners } from './slack/register.ts';
export { METRICS_CHART_TIMER, metricsChartTimer } from './usecases/metrics-chart.ts';
