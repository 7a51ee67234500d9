import type { WebClient } from '@slack/web-api';
import type { ChannelPacer } from '../../../platform/slack/channel-pacer.ts';
import type { RiskReporter } from '../../ports.ts';
import { buildRiskReportMessage, buildRiskReviewRequest } from '../views/risk.ts';
import { postPaced } from './standups.ts';

export function createRiskReporter(client: WebClient, pacer: ChannelPacer): RiskReporter {
  return {
    askForReview: (input) => postPaced(client, pacer, input.release.channelId, buildRiskReviewRequest(input)),
    postReport: (input) => postPaced(client, pacer, input.release.channelId, buildRiskReportMessage(input)),
  };
}
