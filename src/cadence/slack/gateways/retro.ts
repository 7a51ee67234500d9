import type { WebClient } from '@slack/web-api';
import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { RetroMessenger } from '../../ports.ts';
import { buildRetroAnswerReply, buildRetroPrompt, buildRetroSummary } from '../views/retro.ts';

/** Posts the retrospective's prompt and summary once per release, and each person's answer once (then edits it). */
export function createRetroMessenger(client: WebClient, poster: SlackPoster): RetroMessenger {
  return {
    postPrompt: (input) =>
      poster.post({
        key: `retro:${input.release.id}:prompt`,
        channel: input.release.channelId,
        message: buildRetroPrompt(input),
      }),
    async postAnswer({ retro, userId, answers, ts, items }) {
      const message = buildRetroAnswerReply({ userId, answers, items });
      if (ts) {
        await client.chat.update({ channel: retro.channelId, ts, ...message });
        return { ts };
      }
      return poster.post({
        key: `retro-answer:${retro.releaseId}:${userId}`,
        channel: retro.channelId,
        threadTs: retro.messageTs ?? undefined,
        message,
      });
    },
    postSummary: (input) =>
      poster.post({
        key: `retro:${input.retro.releaseId}:summary`,
        channel: input.retro.channelId,
        message: buildRetroSummary(input),
      }),
  };
}
