import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Clock, Logger, RenderLeaseStore } from '../../../core/ports.ts';
import { createMessageRefresher } from '../../../platform/slack/message-refresher.ts';
import { postMetadata, type SlackPoster } from '../../../platform/slack/post-once.ts';
import { section } from '../../../platform/slack/views/message.ts';
import type { PollMessenger } from '../../ports.ts';
import type { PollView } from '../../usecases/poll-view.ts';
import { buildPollMessage } from '../views/go-no-go-poll.ts';

export type PollMessengerOptions = {
  client: WebClient;
  poster: SlackPoster;
  /** Reads the poll's current state from the database. Called for every render: nothing is cached. */
  load: (pollId: number) => Promise<PollView | undefined>;
  leases: RenderLeaseStore;
  clock: Clock;
  logger: Logger;
  /** A render is owed that this process will not make (another process held the lease, or a render failed). */
  onOwed?: (pollId: number, at: Date) => void;
  /** Least real time between two updates of one poll's message (`POLL_RENDER_INTERVAL_MS` by default). */
  minIntervalMs?: number;
};

/**
 * A storm of votes updates the poll's message once a second, showing the latest tally, instead of once per click:
 * each update reads and renders the whole poll, and `chat.update` is a Tier 3 method (about 50 a minute per
 * workspace), so faster updates would only meet 429s. The first update after a quiet second is made at once.
 */
export const POLL_RENDER_INTERVAL_MS = 1000;

export const pollRenderKey = (pollId: number) => `poll:${pollId}`;
const pollMessageKey = (pollId: number) => `poll:${pollId}:message`;

/**
 * Posts poll messages once per poll and keeps them up to date. Every update renders the latest database state
 * (never the message's blocks or a button's value), after the write that asked for it; updates for one poll are
 * coalesced and made by one process at a time under a render lease in the database, until the version rendered is
 * the one last asked for (`message-refresher.ts`). So an older render never overwrites a newer one, on one replica or
 * several, however many clicks arrive at once.
 */
export function createSlackPollMessenger(options: PollMessengerOptions): PollMessenger & {
  busy: () => number;
  idle: (timeoutMs: number) => Promise<void>;
  owed: (pollId: number) => Promise<boolean>;
} {
  const { client, poster, load, logger } = options;

  /**
   * `shown` is the digest of what the message shows (kept with the lease), so a refresh with nothing new costs no
   * API call. Compared by content as well as by the poll's version: the readiness section (checklist, risks,
   * escalations) changes without a vote. The message's metadata says which version of the poll it shows.
   */
  const render = async (pollId: number, shown: string | null) => {
    const view = await load(pollId);
    if (!view?.poll.messageTs) return shown;
    const message = buildPollMessage(view);
    const metadata = postMetadata(pollMessageKey(pollId), { version: view.poll.version });
    const digest = createHash('sha256')
      .update(JSON.stringify([message, metadata]))
      .digest('base64url');
    if (digest === shown) return shown;
    await client.chat.update({ channel: view.poll.channelId, ts: view.poll.messageTs, ...message, metadata });
    return digest;
  };
  const refresher = createMessageRefresher<number>({
    render,
    onError: (pollId, error) => logger.error(`updating the message of poll ${pollId} failed`, error),
    leases: options.leases,
    name: pollRenderKey,
    clock: options.clock,
    minIntervalMs: options.minIntervalMs ?? POLL_RENDER_INTERVAL_MS,
    ...(options.onOwed ? { onOwed: options.onOwed } : {}),
  });

  return {
    async publish(pollId) {
      const view = await load(pollId);
      if (!view) throw new Error(`poll ${pollId} does not exist`);
      const posted = await poster.post({
        key: pollMessageKey(pollId),
        channel: view.poll.channelId,
        message: buildPollMessage(view),
      });
      return posted.ts;
    },
    refresh: (pollId) => refresher.refresh(pollId),
    async notifyThread(pollId, text, key) {
      const view = await load(pollId);
      if (!view?.poll.messageTs) throw new Error(`poll ${pollId} has no message to reply to`);
      await poster.post({
        ...(key ? { key } : {}),
        channel: view.poll.channelId,
        threadTs: view.poll.messageTs,
        message: { text, blocks: [section(text)] },
      });
    },
    busy: refresher.busy,
    idle: refresher.idle,
    owed: refresher.owed,
  };
}
