import type { WebClient } from '@slack/web-api';
import type { ChannelMembership, Clock, Logger } from '../../core/ports.ts';

/**
 * `conversations.members`, paged, with each channel's member list kept for `ttlMs`: one look-up serves a burst of
 * commands, and someone who left the channel loses access within a minute. A channel the bot cannot read (not
 * invited, archived) has no members as far as access goes.
 */
export function createChannelMembership(deps: {
  client: WebClient;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
}): ChannelMembership {
  const ttlMs = deps.ttlMs ?? 60_000;
  const cache = new Map<string, { members: Set<string>; until: number }>();

  async function members(channelId: string): Promise<Set<string>> {
    const now = Date.now();
    const cached = cache.get(channelId);
    if (cached && cached.until > now) return cached.members;
    const found = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await deps.client.conversations.members({ channel: channelId, limit: 200, cursor });
      for (const id of page.members ?? []) found.add(id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    // Expired entries go once there are many, so the cache follows the channels in use, not every channel ever seen.
    if (cache.size >= 1000) for (const [id, entry] of cache) if (entry.until <= now) cache.delete(id);
    cache.set(channelId, { members: found, until: now + ttlMs });
    return found;
  }

  return {
    async isMember(channelId, userId) {
      try {
        return (await members(channelId)).has(userId);
      } catch (error) {
        deps.logger.warn(`could not read the members of ${channelId}; access from outside it is refused`, error);
        return false;
      }
    },
  };
}
