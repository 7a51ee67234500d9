import type { WebClient } from '@slack/web-api';
import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { StandupMessenger } from '../../ports.ts';
import {
  buildClosedStandupPrompt,
  buildStandupAnswerReply,
  buildStandupDmPrompt,
  buildStandupDmReminder,
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
    async postDmPrompt(input) {
      const opened = await client.conversations.open({ users: input.userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open answered without a channel');
      const { ts } = await poster.post({
        key: `standup:${input.standup.id}:dm:${input.userId}`,
        channel,
        message: buildStandupDmPrompt(input),
      });
      return { channel, ts };
    },
    async remindDm({ standup, dm, cutoffAt }) {
      await poster.post({
        key: `standup:${standup.id}:dm-reminder:${dm.userId}`,
        channel: dm.channelId,
        threadTs: dm.messageTs,
        message: buildStandupDmReminder({ cutoffAt }),
      });
    },
    async closePrompt({ release, standup, target, summaryTs }) {
      const link = await client.chat
        .getPermalink({ channel: standup.channelId, message_ts: summaryTs })
        .then((r) => r.permalink)
        .catch(() => undefined);
      await client.chat.update({
        channel: target.channel,
        ts: target.ts,
        ...buildClosedStandupPrompt({ release, standup, summaryLink: link }),
      });
    },
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
