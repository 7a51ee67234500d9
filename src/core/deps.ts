import type { Contributions } from './contributions.ts';
import type {
  AuditLog,
  ChannelMembership,
  Clock,
  InteractionStore,
  Logger,
  ModalOpener,
  PostIntentStore,
  RenderLeaseStore,
  TimerStore,
  UserDirectory,
} from './ports.ts';

/**
 * Runs `fn` in one database transaction: all of its writes land, or none do, and no other transaction's writes are
 * seen half-done. Every store call made while `fn` runs (awaited from inside it, at any depth) joins the
 * transaction: the stores find it through the async context, so `fn` uses the same `deps.store` as everything else.
 * A nested call is a savepoint.
 *
 * `fn` must touch only the database: no Slack call, no waiting on anything else, because it may run again. A store
 * that detects a conflict with a concurrent transaction (PostgreSQL's serialization failures) rolls back and retries
 * it; SQLite runs transactions one at a time. Read, check and write inside one transaction whenever the check
 * decides the write.
 */
export type Transaction = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The kernel's stores: every module may use them. Each module's own deps type adds its stores to `store`. `intents`
 * and `renders` serve the Slack adapters (posts made once, shared messages rendered by one process at a time).
 */
export type CoreStore = {
  transaction: Transaction;
  /**
   * Runs `fn`, which only reads, on one consistent snapshot of the database, without taking the write lock: a view
   * built from several reads (the gate, the exported record) never mixes two states, and it still answers while
   * another process holds SQLite's write lock. Inside a transaction it simply joins it.
   */
  read: Transaction;
  audit: AuditLog;
  timers: TimerStore;
  interactions: InteractionStore;
  intents: PostIntentStore;
  renders: RenderLeaseStore;
};

/** What every use case may use. Adapters are built in the composition root and passed in. */
export type CoreDeps = {
  store: CoreStore;
  clock: Clock;
  users: UserDirectory;
  logger: Logger;
  /** Channel membership: who may look at a release from outside its channel. */
  channels: ChannelMembership;
  /** Opens a modal for a person and records it; the only way the bot opens one. */
  modals: ModalOpener;
  /** Used when neither the command nor the creator's Slack profile gives a time zone. */
  defaultTimeZone: string;
  /** What the modules add to each other's views (readiness lines, metrics, record sections, …), bound by the root. */
  contributions: Contributions;
};

/** An expected failure: a sentence for the person who asked, in mrkdwn, saying what was wrong. */
export type Failure = { ok: false; message: string };

export function fail(message: string): Failure {
  return { ok: false, message };
}
