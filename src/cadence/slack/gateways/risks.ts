import { PostFailed } from '../../../core/domain/delivery.ts';
import type { Logger } from '../../../core/ports.ts';
import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { SlackUploader } from '../../../platform/slack/upload-once.ts';
import type { Chart } from '../../domain/risk-charts.ts';
import type { RiskReporter } from '../../ports.ts';
import { buildRiskReportMessage, buildRiskReviewRequest } from '../views/risk.ts';

/** Draws the charts: the chart libraries load at the first report, not at start-up. */
async function renderCharts(charts: Chart[]) {
  const { renderChart } = await import('../../../platform/charts/render.ts');
  const rendered = [];
  for (const chart of charts) rendered.push({ chart, image: await renderChart(chart.spec) });
  return rendered;
}

/**
 * Posts the weekly review request (once per release and week) and the report (once per key when it has one), and
 * uploads a report's charts into its thread (once per key). A chart that cannot be drawn is logged and left out: the
 * report reads fully without it. An upload Slack may still take (rate limit, lost answer) is thrown, so the charts'
 * timer runs again; an upload already made is not repeated.
 */
export function createRiskReporter(poster: SlackPoster, uploader?: SlackUploader, logger?: Logger): RiskReporter {
  return {
    askForReview: (input) =>
      poster.post({
        key: `risk-review:${input.release.id}:${input.slot}`,
        channel: input.release.channelId,
        message: buildRiskReviewRequest(input),
      }),
    postReport: (input) =>
      poster.post({
        ...(input.key ? { key: input.key } : {}),
        channel: input.release.channelId,
        message: buildRiskReportMessage({ ...input, nameOf: (id) => input.names[id] ?? id }),
      }),
    async uploadCharts(input) {
      if (!uploader || input.charts.length === 0) return;
      let rendered: Awaited<ReturnType<typeof renderCharts>>;
      try {
        rendered = await renderCharts(input.charts);
      } catch (error) {
        logger?.error(`could not draw the risk report's charts for ${input.release.name}`, error);
        return;
      }
      // Names unique to this report: a later try recognises the share by them.
      const stamp = `${input.release.id}-${input.threadTs.replace('.', '')}`;
      try {
        await uploader.upload({
          key: input.key,
          channel: input.release.channelId,
          threadTs: input.threadTs,
          files: rendered.map(({ chart, image }) => ({
            filename: `risk-${chart.name}-${stamp}.png`,
            title: chart.title,
            altText: chart.altText,
            content: image.png,
          })),
        });
      } catch (error) {
        if (error instanceof PostFailed && error.retryable) throw error;
        logger?.warn(`Slack refused the risk report's charts for ${input.release.name}`, error);
      }
    },
  };
}
