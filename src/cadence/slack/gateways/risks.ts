import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { PostFailed } from '../../../core/domain/delivery.ts';
import type { Release } from '../../../core/domain/release.ts';
import type { Clock, Logger, RenderLeaseStore } from '../../../core/ports.ts';
import { createMessageRefresher } from '../../../platform/slack/message-refresher.ts';
import { postMetadata, type SlackPoster } from '../../../platform/slack/post-once.ts';
import type { SlackUploader } from '../../../platform/slack/upload-once.ts';
import type { Chart } from '../../domain/risk-charts.ts';
import type { RiskReviewState } from '../../domain/risk-review.ts';
import type { RiskReporter } from '../../ports.ts';
import { buildRiskReportMessage, buildRiskReviewRequest } from '../views/risk.ts';

/** Draws the charts: the chart libraries load at the first report, not at start-up. */
async function renderCharts(charts: Chart[]) {
  const { renderChart } = await import('../../../platform/charts/render.ts');
  const rendered = [];
  for (const chart of charts) rendered.push({ chart, image: await renderChart(chart.spec) });
  return rendered;
}

/** What keeps the weekly review message true: it is read afresh from the database for every render. */
export type RiskReviewRendering = {
  client: WebClient;
  leases: RenderLeaseStore;
  clock: Clock;
  load: (releaseId: number, slot: string) => Promise<{ release: Release; state: RiskReviewState } | undefined>;
  /** A render is owed that this process will not make: look again at `at` (a durable timer). */
  onOwed?: (key: { releaseId: number; slot: string }, at: Date) => void;
};

/** How often, and how long apart, a render waits for the scheduler's post of the message to be recorded. */
const IN_FLIGHT_TRIES = 20;
const IN_FLIGHT_WAIT_MS = 100;

/**
 * The review message as posted. The scheduled run posts it outside the render lease, so a click right after it
 * appeared can find its post still being recorded by that process (`in_flight`, for the few milliseconds after
 * Slack answered): wait for it briefly rather than leave the update to the owed-render timer half a minute later.
 */
async function postedOnce(poster: SlackPoster, request: Parameters<SlackPoster['post']>[0]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await poster.post(request);
    } catch (error) {
      if (!(error instanceof PostFailed && error.inFlight) || attempt >= IN_FLIGHT_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_WAIT_MS));
    }
  }
}

const reviewPostKey = (releaseId: number, slot: string) => `risk-review:${releaseId}:${slot}`;

/**
 * Posts the weekly review message (once per release and week) and keeps it up to date, and posts the report (once
 * per key when it has one) and uploads a report's charts into its thread (once per key). The review message is a
 * view of the database: every update renders the latest state through the message refresher (coalesced, one process
 * at a time under a render lease, never an older state after a newer one), with `chat.update`, skipped when what it
 * shows is unchanged. A chart that cannot be drawn is logged and left out: the report reads fully without it. An
 * upload Slack may still take (rate limit, lost answer) is thrown, so the charts' timer runs again; an upload
 * already made is not repeated.
 */
export function createRiskReporter(
  poster: SlackPoster,
  uploader?: SlackUploader,
  logger?: Logger,
  review?: RiskReviewRendering,
): RiskReporter {
  const render = async (key: { releaseId: number; slot: string }, shown: string | null) => {
    const found = await review?.load(key.releaseId, key.slot);
    if (!review || !found) return shown;
    const message = buildRiskReviewRequest(found);
    const postKey = reviewPostKey(key.releaseId, key.slot);
    // Already posted: the poster answers with that message (no call to Slack). Not posted yet: this is its post.
    const posted = await postedOnce(poster, { key: postKey, channel: found.release.channelId, message });
    const metadata = postMetadata(postKey);
    const digest = createHash('sha256')
      .update(JSON.stringify([message, metadata]))
      .digest('base64url');
    if (digest === shown) return shown;
    await review.client.chat.update({ channel: found.release.channelId, ts: posted.ts, ...message, metadata });
    return digest;
  };
  const refresher = review
    ? createMessageRefresher<{ releaseId: number; slot: string }>({
        render,
        onError: (key, error) =>
          logger?.error(`updating the weekly risk review ${reviewPostKey(key.releaseId, key.slot)} failed`, error),
        leases: review.leases,
        name: (key) => reviewPostKey(key.releaseId, key.slot),
        clock: review.clock,
        ...(review.onOwed ? { onOwed: review.onOwed } : {}),
      })
    : undefined;
  // One key object per review, so the refresher coalesces refreshes of the same message in this process.
  const keys = new Map<string, { releaseId: number; slot: string }>();
  const keyOf = (releaseId: number, slot: string) => {
    const name = reviewPostKey(releaseId, slot);
    let key = keys.get(name);
    if (!key) {
      key = { releaseId, slot };
      keys.set(name, key);
    }
    return key;
  };
  return {
    async askForReview(input) {
      const found = await review?.load(input.release.id, input.slot);
      if (!found) throw new Error(`the weekly risk review of ${input.release.name} cannot be rendered`);
      return poster.post({
        key: reviewPostKey(input.release.id, input.slot),
        channel: input.release.channelId,
        message: buildRiskReviewRequest(found),
      });
    },
    refreshReview: async (releaseId, slot) => refresher?.refresh(keyOf(releaseId, slot)),
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
