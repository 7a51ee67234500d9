import type { WebClient } from '@slack/web-api';
import type { ChannelPacer } from '../../../platform/slack/channel-pacer.ts';
import type { RetroMessenger } from '../../ports.ts';
import { buildRetroAnswerReply, buildRetroPrompt, buildRetroSummary } from '../views/retro.ts';
import { postPaced } from './standups.ts';

export function createRetroMessenger(client: WebClient, pacer: ChannelPacer): RetroMessenger {
  return {
    postPrompt: (input) => postPaced(client, pacer, input.release.channelId, buildRetroPrompt(input)),
    async postAnswer({ retro, userId, answers, ts, items }) {
      const message = buildRetroAnswerReply({ userId, answers, items });
      if (ts) {
        await client.chat.update({ channel: retro.channelId, ts, ...message });
        return { ts };
      }
      return postPaced(client, pacer, retro.channelId, message, retro.messageTs ?? undefined);
    },
    postSummary: (input) => postPaced(client, pacer, input.retro.channelId, buildRetroSummary(input)),
  };
}
