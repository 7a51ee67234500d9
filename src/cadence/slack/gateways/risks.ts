import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { RiskReporter } from '../../ports.ts';
import { buildRiskReportMessage, buildRiskReviewRequest } from '../views/risk.ts';

/** Posts the weekly review request (once per release and week) and the report (once per key when it has one). */
export function createRiskReporter(poster: SlackPoster): RiskReporter {
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
        message: buildRiskReportMessage(input),
      }),
  };
}
