import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Release } from '../../../core/domain/release.ts';
import type { RoleAssignment } from '../../../core/domain/roles.ts';
import type { Clock, Logger, RenderLeaseStore } from '../../../core/ports.ts';
import { createMessageRefresher } from '../../../platform/slack/message-refresher.ts';
import { postMetadata, type SlackPoster } from '../../../platform/slack/post-once.ts';
import type { RolesCardMessenger } from '../../ports.ts';
import { buildRolesCard } from '../views/roles-card.ts';

export type RolesCardOptions = {
  client: WebClient;
  poster: SlackPoster;
  leases: RenderLeaseStore;
  clock: Clock;
  logger: Logger;
  /** Reads the release and its roles from the database; called for every render. */
  load: (releaseId: number) => Promise<{ release: Release; assignments: RoleAssignment[] } | undefined>;
  /** A render is owed that this process will not make: look again at `at` (a durable timer). */
  onOwed?: (releaseId: number, at: Date) => void;
};

const cardKey = (releaseId: number) => `release:${releaseId}:roles-card`;

/**
 * Posts the roles card once per release (the poster, key `release:<id>:roles-card`) and keeps it true with
 * `chat.update`: every render reads the latest roles, renders are coalesced and made by one process at a time under
 * a render lease (`message-refresher.ts`), so two changes at once or two replicas never leave an older card shown.
 */
export function createRolesCardMessenger(options: RolesCardOptions): RolesCardMessenger {
  const { client, poster, load, logger } = options;
  const render = async (releaseId: number, shown: string | null) => {
    const found = await load(releaseId);
    if (!found) return shown;
    const message = buildRolesCard(found);
    const metadata = postMetadata(cardKey(releaseId));
    const digest = createHash('sha256')
      .update(JSON.stringify([message, metadata]))
      .digest('base64url');
    // Posted already: the poster answers with that message, without a call to Slack. Not yet: this is its post.
    const posted = await poster.post({ key: cardKey(releaseId), channel: found.release.channelId, message });
    if (digest === shown) return shown;
    await client.chat.update({ channel: found.release.channelId, ts: posted.ts, ...message, metadata });
    return digest;
  };
  const refresher = createMessageRefresher<number>({
    render,
    onError: (releaseId, error) => logger.error(`updating the roles card of release ${releaseId} failed`, error),
    leases: options.leases,
    name: cardKey,
    clock: options.clock,
    ...(options.onOwed ? { onOwed: options.onOwed } : {}),
  });
  return { refresh: (releaseId) => refresher.refresh(releaseId) };
}
