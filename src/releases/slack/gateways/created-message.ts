import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Clock, Logger, RenderLeaseStore } from '../../../core/ports.ts';
import { createMessageRefresher } from '../../../platform/slack/message-refresher.ts';
import { postMetadata, type SlackPoster } from '../../../platform/slack/post-once.ts';
import type { ReleaseMessages } from '../../ports.ts';
import type { CreatedMessageState } from '../../usecases/created-message.ts';
import { buildReleaseCreatedMessage } from '../views/release-created.ts';

export type CreatedMessageOptions = {
  client: WebClient;
  poster: SlackPoster;
  leases: RenderLeaseStore;
  clock: Clock;
  logger: Logger;
  /** Reads the release, its roles and its notes from the database; called for every render. */
  load: (releaseId: number) => Promise<CreatedMessageState | undefined>;
  /** A render is owed that this process will not make: look again at `at` (a durable timer). */
  onOwed?: (releaseId: number, at: Date) => void;
};

/** The key the "created" message carries in its metadata, and the name of its render lease. */
export const createdMessageKey = (releaseId: number) => `release:${releaseId}:created`;

/** The bot's clock and Slack's may differ by this much; the look-up for the message starts that much earlier. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Keeps the "release created" message true as the roles change: every render reads the release and its roles afresh
 * and `chat.update`s the message in place, coalesced and made by one process at a time under a render lease
 * (`message-refresher.ts`), skipped when what it shows is unchanged, so two replicas or a redelivered command never
 * leave an older state shown. The message is found by the key in its metadata: a form's message is posted through
 * the poster, which records its ts under the key; a command's answer goes through the response_url, which tells no
 * ts, so the first render finds it in the channel's history (`poster.adopt`) and records it the same way.
 */
export function createReleaseCreatedMessenger(options: CreatedMessageOptions): ReleaseMessages {
  const { client, poster, load, logger, clock } = options;
  const render = async (releaseId: number, shown: string | null) => {
    const state = await load(releaseId);
    if (!state) return shown;
    const { release } = state.overview;
    const key = createdMessageKey(releaseId);
    // On Slack's clock: the release's age on ours, counted back from Slack's now (a test's clock runs ahead).
    const age = Math.max(0, clock.now().getTime() - release.createdAt.getTime());
    const posted = await poster.adopt({
      key,
      channel: release.channelId,
      since: new Date(Date.now() - age - CLOCK_SKEW_MS),
    });
    // Not in a channel the bot can read (a private one it was not invited to): nothing to keep.
    if (!posted) return shown;
    const message = buildReleaseCreatedMessage(state.overview, { joined: true, notes: state.notes });
    const metadata = postMetadata(key);
    const digest = createHash('sha256')
      .update(JSON.stringify([message, metadata]))
      .digest('base64url');
    if (digest === shown) return shown;
    await client.chat.update({ channel: posted.channelId, ts: posted.ts, ...message, metadata });
    return digest;
  };
  const refresher = createMessageRefresher<number>({
    render,
    onError: (releaseId, error) => logger.error(`updating the "created" message of release ${releaseId} failed`, error),
    leases: options.leases,
    name: createdMessageKey,
    clock,
    ...(options.onOwed ? { onOwed: options.onOwed } : {}),
  });
  return { refreshCreated: (releaseId) => refresher.refresh(releaseId) };
}
