import type { WebClient } from '@slack/web-api';
import type { ChannelPacer } from '../../../platform/slack/channel-pacer.ts';
import type { SlackMessage } from '../../../platform/slack/views/message.ts';
import type { StandupMessenger } from '../../ports.ts';
import {
  buildStandupAnswerReply,
  buildStandupPrompt,
  buildStandupReminder,
  buildStandupSummary,
} from '../views/standup.ts';

/** Posts a message through the channel's pacer and returns its ts. */
export async function postPaced(
  client: WebClient,
  pacer: ChannelPacer,
  channel: string,
  message: SlackMessage,
  threadTs?: string,
): Promise<{ ts: string }> {
  const result = await pacer.run(channel, () =>
    client.chat.postMessage({ channel, ...message, ...(threadTs ? { thread_ts: threadTs } : {}) }),
  );
  if (!result.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
  return { ts: result.ts };
}

export function createStandupMessenger(client: WebClient, pacer: ChannelPacer): StandupMessenger {
  return {
    postPrompt: (input) => postPaced(client, pacer, input.release.channelId, buildStandupPrompt(input)),
    postAnswer: ({ standup, answer }) =>
      postPaced(client, pacer, standup.channelId, buildStandupAnswerReply(answer), standup.messageTs ?? undefined),
    async updateAnswer({ standup, answer, ts }) {
      await client.chat.update({ channel: standup.channelId, ts, ...buildStandupAnswerReply(answer) });
    },
    async remind({ standup, userIds, cutoffAt }) {
      await postPaced(
        client,
        pacer,
        standup.channelId,
        buildStandupReminder({ userIds, cutoffAt }),
        standup.messageTs ?? undefined,
      );
    },
    postSummary: (input) => postPaced(client, pacer, input.standup.channelId, buildStandupSummary(input)),
  };
}
