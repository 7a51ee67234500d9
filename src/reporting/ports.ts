import type { MetricsChart } from './domain/metrics-chart.ts';

/**
 * Sends `/release metrics`' chart to the person who asked, by direct message (the text answer is ephemeral, and a
 * file cannot be), once per `key`. Throws only when trying again may help; a chart that cannot be drawn or an upload
 * Slack refuses is logged and skipped (the text answer has every figure).
 */
export type MetricsChartSender = {
  send: (input: { key: string; userId: string; chart: MetricsChart }) => Promise<void>;
};
