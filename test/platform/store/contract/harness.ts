import type { Release } from '../../../../src/core/domain/release.ts';
import type { Store } from '../../../../src/deps.ts';

/**
 * What the store contract runs against: SQLite (`../sqlite-contract.test.ts`) or PostgreSQL
 * (`../postgres-contract.test.ts`). Both must give the same answers; only what "at the same time" means differs.
 */
export type StoreHarness = {
  name: string;
  /** A store over a fresh, migrated, empty database. */
  open: () => Promise<OpenedStore>;
  /**
   * True where two transactions really overlap and one may have to run again (PostgreSQL); false where they take
   * turns (SQLite). The concurrency tests hold for both; only PostgreSQL must show a retry.
   */
  overlapping: boolean;
};

export type OpenedStore = {
  store: Store;
  /** Another store over the same database, as a second replica (or process) would open it. */
  replica: () => Promise<Store>;
};

export const TEAM = 'T0TEAM';
export const at = (iso: string) => new Date(iso);

let counter = 0;

/** A release inserted straight through the store, in its own channel and with its own name. */
export async function insertRelease(store: Store, overrides: Partial<Release> = {}): Promise<Release> {
  counter += 1;
  const release = await store.releases.insert({
    teamId: overrides.teamId ?? TEAM,
    channelId: overrides.channelId ?? `C${counter}`,
    name: overrides.name ?? `rel-${counter}`,
    targetDate: overrides.targetDate ?? '2026-12-10',
    windowStart: overrides.windowStart === undefined ? '2026-12-01' : overrides.windowStart,
    windowEnd: overrides.windowEnd === undefined ? '2026-12-12' : overrides.windowEnd,
    timeZone: overrides.timeZone ?? 'Europe/Berlin',
    createdBy: overrides.createdBy ?? 'URM',
    createdAt: overrides.createdAt ?? at('2026-11-23T09:00:00.123Z'),
  });
  return overrides.status
    ? store.releases.setStatus(release.id, overrides.status, at('2026-11-24T09:00:00Z'))
    : release;
}

/** Resolves once `parties` callers have arrived, or after `timeoutMs` for whoever waits (a store that takes turns). */
export function rendezvous(parties: number, timeoutMs = 300): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived >= parties) release();
    return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
  };
}

/**
 * `n` stores to run side by side: separate replicas where transactions overlap (PostgreSQL), the same store where they
 * take turns (SQLite, whose second connection in one process would block the event loop on the first one's lock).
 */
export async function contenders({ store, replica }: OpenedStore, harness: StoreHarness, n: number): Promise<Store[]> {
  const stores: Store[] = [store];
  for (let i = 1; i < n; i += 1) stores.push(harness.overlapping ? await replica() : store);
  // Each replica connects now, so that the race that follows is a race between queries, not between connections.
  await Promise.all(stores.map((s) => s.releases.findById(0)));
  return stores;
}
