import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../core/ports.ts';
import { createMessageRefresher } from '../../../platform/slack/message-refresher.ts';
import { section } from '../../../platform/slack/views/message.ts';
import type { PollMessenger } from '../../ports.ts';
import type { PollView } from '../../usecases/poll-view.ts';
import { buildPollMessage } from '../views/go-no-go-poll.ts';

export type PollMessengerOptions = {
  client: WebClient;
  /** Reads the poll's current state from the database. Called for every render: nothing is cached. */
  load: (pollId: number) => Promise<PollView | undefined>;
  logger: Logger;
};

/**
 * Posts poll messages and keeps them up to date. Every update renders the latest database state (never the message's
 * blocks or a button's value) and updates for one poll are serialized and coalesced, so an older render can never
 * overwrite a newer one however many clicks arrive at once.
 */
export function createSlackPollMessenger({ client, load, logger }: PollMessengerOptions): PollMessenger & {
  busy: () => number;
} {
  /**
   * What was last shown per poll (the rendered message), so a refresh with nothing new costs no API call. Compared by
   * content, not by the poll's version: the readiness section (checklist, risks, escalations) changes without a vote.
   * Lost on restart: harmless.
   */
  const shown = new Map<number, string>();

  const render = async (pollId: number) => {
    const view = await load(pollId);
    if (!view?.poll.messageTs) return;
    const message = buildPollMessage(view);
    const rendered = JSON.stringify(message);
    if (shown.get(pollId) === rendered) return;
    await client.chat.update({ channel: view.poll.channelId, ts: view.poll.messageTs, ...message });
    shown.set(pollId, rendered);
  };
  const refresher = createMessageRefresher(render, (pollId, error) =>
    logger.error(`updating the message of poll ${pollId} failed`, error),
  );

  return {
    async publish(pollId) {
      const view = await load(pollId);
      if (!view) throw new Error(`poll ${pollId} does not exist`);
      const posted = await client.chat.postMessage({ channel: view.poll.channelId, ...buildPollMessage(view) });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      return posted.ts;
    },
    refresh: (pollId) => refresher.refresh(pollId),
    async notifyThread(pollId, text) {
      const view = await load(pollId);
      if (!view?.poll.messageTs) throw new Error(`poll ${pollId} has no message to reply to`);
      await client.chat.postMessage({
        channel: view.poll.channelId,
        thread_ts: view.poll.messageTs,
        text,
        blocks: [section(text)],
      });
    },
    busy: refresher.busy,
  };
}
