import type { UserDirectory } from '../../core/ports.ts';

/**
 * Remembers `users.info` answers for a short while. Every vote and decision checks that the clicker is a person;
 * without this a burst of clicks would be a burst of `users.info` calls (Tier 4 in Slack: about 100 a minute) and
 * each click's work would wait on a round trip. An account turned into a bot or deactivated is seen within `ttlMs`.
 * Concurrent lookups of the same user share one call. Failures are not cached.
 */
export function cachedUserDirectory(
  inner: UserDirectory,
  options: { ttlMs: number; now?: () => number; maxEntries?: number },
): UserDirectory {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 5000;
  const cache = new Map<string, { at: number; value: ReturnType<UserDirectory['lookup']> }>();
  return {
    lookup(userId) {
      const hit = cache.get(userId);
      if (hit && now() - hit.at < options.ttlMs) return hit.value;
      const value = inner.lookup(userId);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(userId, { at: now(), value });
      value.catch(() => cache.delete(userId));
      return value;
    },
  };
}
