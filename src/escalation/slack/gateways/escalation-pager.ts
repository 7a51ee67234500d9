import type { WebClient } from '@slack/web-api';
import type { PostedMessage } from '../../../core/ports.ts';
import type { EscalationPager } from '../../ports.ts';
import { buildEscalationMessage, buildEscalationNotice } from '../views/escalation.ts';

async function permalinkOf(client: WebClient, message: PostedMessage | undefined): Promise<string | undefined> {
  if (!message) return undefined;
  try {
    const result = await client.chat.getPermalink({ channel: message.channelId, message_ts: message.ts });
    return result.permalink;
  } catch {
    return undefined;
  }
}

function posted(result: { channel?: string; ts?: string }, channelId: string): PostedMessage {
  if (!result.ts) throw new Error(`chat.postMessage to ${channelId} returned no ts`);
  return { channelId: result.channel ?? channelId, ts: result.ts };
}

/** Renders escalation cards with the pure views and posts or updates them through the Web API. */
export function createEscalationPager(client: WebClient): EscalationPager {
  return {
    async postLevel(channelId, card) {
      const result = await client.chat.postMessage({ channel: channelId, ...buildEscalationMessage(card) });
      return posted(result, channelId);
    },
    async postNotice(channelId, card, levelMessage) {
      const link = await permalinkOf(client, levelMessage);
      const result = await client.chat.postMessage({ channel: channelId, ...buildEscalationNotice(card, link) });
      return posted(result, channelId);
    },
    async update(message, card, levelMessage) {
      const view =
        message.kind === 'notice'
          ? buildEscalationNotice(card, await permalinkOf(client, levelMessage))
          : buildEscalationMessage(card);
      await client.chat.update({ channel: message.channelId, ts: message.ts, ...view });
    },
  };
}
