import type { WebClient } from '@slack/web-api';
import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { StandupMessenger } from '../../ports.ts';
import {
  buildStandupAnswerReply,
  buildStandupPrompt,
  buildStandupReminder,
  buildStandupSummary,
} from '../views/standup.ts';

/**
 * Posts the standup's messages, each once per standup (or per answer): the poster (`post-once.ts`) finds a message a
 * taken-over timer or a lost answer already posted instead of posting it twice. Slack's one post per second per
 * channel is kept by the Web API transport.
 */
export function createStandupMessenger(client: WebClient, poster: SlackPoster): StandupMessenger {
  return {
    postPrompt: (input) =>
      poster.post({
        key: `standup:${input.standup.id}:prompt`,
        channel: input.release.channelId,
        message: buildStandupPrompt(input),
      }),
    postAnswer: ({ standup, answer }) =>
      poster.post({
        key: `standup-answer:${answer.id}`,
        channel: standup.channelId,
        threadTs: standup.messageTs ?? undefined,
        message: buildStandupAnswerReply(answer),
      }),
    async updateAnswer({ standup, answer, ts }) {
      await client.chat.update({ channel: standup.channelId, ts, ...buildStandupAnswerReply(answer) });
    },
    async remind({ standup, userIds, cutoffAt }) {
      await poster.post({
        key: `standup:${standup.id}:reminder`,
        channel: standup.channelId,
        threadTs: standup.messageTs ?? undefined,
        message: buildStandupReminder({ userIds, cutoffAt }),
      });
    },
    postSummary: (input) =>
      poster.post({
        key: `standup:${input.standup.id}:summary`,
        channel: input.standup.channelId,
        message: buildStandupSummary(input),
      }),
  };
}
