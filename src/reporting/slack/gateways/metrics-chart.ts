import type { WebClient } from '@slack/web-api';
import { PostFailed } from '../../../core/domain/delivery.ts';
import type { Logger } from '../../../core/ports.ts';
import type { SlackUploader } from '../../../platform/slack/upload-once.ts';
import type { MetricsChartSender } from '../../ports.ts';

/** Draws the chart (the chart libraries load at the first one) and uploads it into the requester's direct messages. */
export function createMetricsChartSender(
  client: WebClient,
  uploader: SlackUploader,
  logger: Logger,
): MetricsChartSender {
  return {
    async send(input) {
      let png: Buffer;
      try {
        const { renderChart } = await import('../../../platform/charts/render.ts');
        png = (await renderChart(input.chart.spec)).png;
      } catch (error) {
        logger.error('could not draw the metrics chart', error);
        return;
      }
      try {
        const dm = await client.conversations.open({ users: input.userId });
        const channel = dm.channel?.id;
        if (!channel) throw new Error('conversations.open answered without a channel');
        await uploader.upload({
          key: input.key,
          channel,
          files: [
            {
              // Unique per request: a later try recognises the share by it.
              filename: `release-metrics-${(input.key.split(':').at(-1) ?? '').replace(/[^A-Za-z0-9]+/g, '-')}.png`,
              title: input.chart.title,
              altText: input.chart.altText,
              content: png,
            },
          ],
          initialComment: 'The chart of the `/release metrics` you asked for (every figure is in the answer too).',
        });
      } catch (error) {
        if (error instanceof PostFailed && error.retryable) throw error;
        logger.warn('could not send the metrics chart', error);
      }
    },
  };
}
