import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports.ts';
import { postOnce } from './post-once.ts';
import type { SlackMessage } from './views/message.ts';

/**
 * Posts a message in the release channel and, when some roles are Informed of it (RACI), tells them with ONE thread
 * reply under it rather than pinging the whole channel. Returns the message's ts, or undefined when the bot cannot
 * post there (not invited to a private channel): the caller then answers through the response_url instead. Each
 * post is made once, even when Slack's answer to it is lost (`post-once.ts`).
 */
export async function postWithInformed(
  client: WebClient,
  logger: Logger,
  channelId: string,
  message: SlackMessage,
  informed: string | undefined,
): Promise<string | undefined> {
  let ts: string | undefined;
  try {
    ts = (await postOnce(client, logger, { channel: channelId, message })).ts;
  } catch (error) {
    logger.info(`could not post in ${channelId}`, error);
    return undefined;
  }
  if (informed) {
    try {
      await postOnce(client, logger, { channel: channelId, threadTs: ts, message: { text: informed } });
    } catch (error) {
      logger.warn('could not tell the Informed roles in the thread', error);
    }
  }
  return ts;
}
