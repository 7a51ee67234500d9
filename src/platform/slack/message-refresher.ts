import { randomUUID } from 'node:crypto';
import type { Clock, RenderLeaseStore } from '../../core/ports.ts';

/**
 * Keeps shared messages (a poll's) up to date from the database, across processes, with coalescing:
 *
 * - In a process, at most one update runs per key; a refresh asked for meanwhile only marks that another is needed.
 * - Across processes, a render lease in the database (`RenderLeaseStore`) lets one process at a time update a
 *   key's message. Every refresh bumps the key's requested version. The holder renders the LATEST database state and
 *   goes on until the version it rendered is the requested one; a process that finds the lease held only records
 *   its request, which the holder then sees. So an older render never lands after a newer one, no request is left
 *   unrendered, and a burst of N changes costs a handful of updates, not N.
 * - What the message shows is kept as a digest with the lease, so an unchanged render costs no API call, whichever
 *   process made the last one.
 *
 * - With `minIntervalMs`, a key's message is updated at most once per interval: the first refresh after a quiet spell
 *   renders at once, and every refresh within the interval after a render is answered by one render at its end
 *   (the latest state wins). So a storm of clicks costs one render per interval, not one per click. A refresh that
 *   only waits is in memory; the first one in each wait also asks `onOwed` for a durable look at the key, so a
 *   process that dies while waiting still has its last clicks rendered after a restart.
 *
 * `render(key, shown)` must read the state itself (from the database), and returns the digest of what the message
 * shows afterwards (`shown` when it sent nothing). When a holder dies or its render fails, the request stays owed:
 * `onOwed(key, at)` is told when to look again (a durable timer), and `owed(key)` says whether a look is needed.
 */
export type MessageRefresher<K> = {
  /** Resolves once this process's part is done: it rendered the latest state, or another process holds the lease. */
  refresh: (key: K) => Promise<void>;
  /** Keys with an update in flight in this process (for shutdown and tests). */
  busy: () => number;
  /**
   * Resolves once no update is in flight in this process (or after `timeoutMs`). Listeners do not wait for their
   * refresh (poll-vote.ts says why), so a shutdown and a test wait here instead.
   */
  idle: (timeoutMs: number) => Promise<void>;
  /** Whether a render was asked for and never made (its holder died, or its render failed). */
  owed: (key: K) => Promise<boolean>;
};

export type MessageRefresherOptions<K> = {
  render: (key: K, shown: string | null) => Promise<string | null>;
  onError: (key: K, error: unknown) => void;
  leases: RenderLeaseStore;
  /** The key's name in the lease table, e.g. `poll:12`. */
  name: (key: K) => string;
  clock: Clock;
  /** How long a lease lasts without being renewed: longer than one render can take. */
  leaseMs?: number;
  /** A render is owed and nobody in this process will make it: look again at `at`. */
  onOwed?: (key: K, at: Date) => void;
  /** Names this process in the leases; one per refresher by default. */
  owner?: string;
  /** Least time, in real milliseconds, between two renders of one key by this process (0: none). */
  minIntervalMs?: number;
};

const DEFAULT_LEASE_MS = 60_000;
/** After a failed render, the owed request is looked at again this much later. */
const AFTER_FAILURE_MS = 30_000;

export function createMessageRefresher<K>(options: MessageRefresherOptions<K>): MessageRefresher<K> {
  const { leases, clock, render, onError, name } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const owner = options.owner ?? `refresher-${randomUUID()}`;
  const until = () => new Date(clock.now().getTime() + leaseMs);
  const minIntervalMs = options.minIntervalMs ?? 0;
  type Entry = { again: boolean; done: Promise<void>; pausing: boolean; owedAsked: boolean };
  const running = new Map<K, Entry>();

  /** Waits out the rest of the interval since the last render; the refreshes asked meanwhile join the next one. */
  const pace = async (entry: Entry, renderedAt: number | undefined) => {
    const wait = renderedAt === undefined ? 0 : renderedAt + minIntervalMs - performance.now();
    if (wait <= 0) return;
    entry.pausing = true;
    entry.owedAsked = false;
    await new Promise((resolve) => setTimeout(resolve, wait));
    entry.pausing = false;
  };

  const update = async (key: K, entry: Entry) => {
    const lease = name(key);
    let heldElsewhereUntil: Date | null = null;
    let renderedAt: number | undefined;
    do {
      // Asked again while a request was on its way (or after the render that answered the last one): ask once more.
      while (entry.again) {
        entry.again = false;
        let grant = await leases.request(lease, owner, clock.now(), until());
        while (grant.held) {
          // This render reads the latest state, so it answers every local refresh asked for until now.
          entry.again = false;
          let shown: string | null;
          try {
            shown = await render(key, grant.digest);
          } catch (error) {
            onError(key, error);
            await leases.release(lease, owner);
            options.onOwed?.(key, new Date(clock.now().getTime() + AFTER_FAILURE_MS));
            return;
          }
          if (minIntervalMs > 0) renderedAt = performance.now();
          const version = grant.version;
          grant = await leases.rendered({
            key: lease,
            owner,
            version,
            digest: shown,
            now: clock.now(),
            until: until(),
          });
          // Other processes asked meanwhile: their render waits its turn too (the lease stays held, as they know).
          if (grant.held) await pace(entry, renderedAt);
        }
        heldElsewhereUntil = grant.until;
      }
      // The refreshes of the next interval are answered together, by one render at its end.
      await pace(entry, renderedAt);
    } while (entry.again);
    // Another process renders; should it die, its lease runs out with the request still owed.
    if (heldElsewhereUntil) options.onOwed?.(key, heldElsewhereUntil);
  };

  return {
    refresh(key) {
      const current = running.get(key);
      if (current) {
        current.again = true;
        if (current.pausing && !current.owedAsked) {
          // Only this process knows of the refresh while it waits: a durable look, should the process die first.
          current.owedAsked = true;
          options.onOwed?.(key, until());
        }
        return current.done;
      }
      const entry: Entry = { again: true, done: Promise.resolve(), pausing: false, owedAsked: false };
      running.set(key, entry);
      entry.done = (async () => {
        try {
          await update(key, entry);
        } catch (error) {
          onError(key, error);
        } finally {
          running.delete(key);
        }
      })();
      return entry.done;
    },
    busy: () => running.size,
    async idle(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      // A render can ask for another key's (none do today), so look again until nothing is left.
      while (running.size > 0) {
        const left = deadline - performance.now();
        if (left <= 0) return;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, left);
        });
        await Promise.race([Promise.all([...running.values()].map((entry) => entry.done)), timedOut]);
        clearTimeout(timer);
      }
    },
    owed: (key) => leases.pending(name(key)),
  };
}
