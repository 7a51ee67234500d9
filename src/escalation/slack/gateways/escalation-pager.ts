import type { WebClient } from '@slack/web-api';
import type { PostedMessage } from '../../../core/ports.ts';
import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { EscalationPager } from '../../ports.ts';
import {
  buildEscalationDirect,
  buildEscalationMessage,
  buildEscalationNotice,
  buildEscalationReping,
  buildEscalationUnreachable,
} from '../views/escalation.ts';

async function permalinkOf(client: WebClient, message: PostedMessage | undefined): Promise<string | undefined> {
  if (!message) return undefined;
  try {
    const result = await client.chat.getPermalink({ channel: message.channelId, message_ts: message.ts });
    return result.permalink;
  } catch {
    return undefined;
  }
}

/**
 * Renders escalation cards with the pure views and posts them once per key (`post-once.ts`: a retried, taken-over or
 * twice-delivered step finds its message instead of pinging again), or updates them through the Web API.
 */
export function createEscalationPager(client: WebClient, poster: SlackPoster): EscalationPager {
  return {
    postLevel: (channelId, card, key) =>
      poster.post({ key, channel: channelId, message: buildEscalationMessage(card) }),
    async postNotice(channelId, card, levelMessage, key) {
      const link = await permalinkOf(client, levelMessage);
      return poster.post({ key, channel: channelId, message: buildEscalationNotice(card, link) });
    },
    postReping: (channelId, card, root, key) =>
      poster.post({ key, channel: channelId, threadTs: root.ts, message: buildEscalationReping(card) }),
    async postDirect(userId, card, levelMessage, hint, key) {
      // A direct message goes to the DM channel's id, so that a look for an earlier try reads that conversation.
      const opened = await client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open answered without a channel');
      const link = await permalinkOf(client, levelMessage);
      return poster.post({ key, channel, message: buildEscalationDirect(card, link, hint) });
    },
    postUnreachable: (channelId, problem, key) =>
      poster.post({ key, channel: channelId, message: buildEscalationUnreachable(problem) }),
    async update(message, card, levelMessage) {
      const superseded =
        message.kind === 'level' &&
        levelMessage !== undefined &&
        (message.channelId !== levelMessage.channelId || message.ts !== levelMessage.ts);
      const view =
        message.kind === 'notice'
          ? buildEscalationNotice(card, await permalinkOf(client, levelMessage))
          : buildEscalationMessage(
              card,
              superseded ? { permalink: await permalinkOf(client, levelMessage) } : undefined,
            );
      await client.chat.update({ channel: message.channelId, ts: message.ts, ...view });
    },
  };
}
