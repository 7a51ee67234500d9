import type { GovernanceDeps } from '../governance/index.ts';
import type { MetricsChartSender } from './ports.ts';

/** Reporting reads releases and the decision log; what other modules know arrives through the contributions. */
export type ReportingDeps = GovernanceDeps & { metricsCharts: MetricsChartSender };
