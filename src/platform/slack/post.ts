import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports.ts';
import type { SlackMessage } from './views/message.ts';

/**
 * Posts a message in the release channel and, when some roles are Informed of it (RACI), tells them with ONE thread
 * reply under it rather than pinging the whole channel. Returns the message's ts, or undefined when the bot cannot
 * post there (not invited to a private channel): the caller then answers through the response_url instead.
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
    const posted = await client.chat.postMessage({ channel: channelId, ...message });
    ts = posted.ts;
  } catch (error) {
    logger.info(`could not post in ${channelId}`, error);
    return undefined;
  }
  if (ts && informed) {
    try {
      await client.chat.postMessage({ channel: channelId, thread_ts: ts, text: informed });
    } catch (error) {
      logger.warn('could not tell the Informed roles in the thread', error);
    }
  }
  return ts;
}
