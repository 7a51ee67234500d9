import type { Contributions } from './contributions.ts';
import type { AuditLog, Clock, Logger, TimerStore, UserDirectory } from './ports.ts';

/**
 * Runs `fn` in one database transaction: all of its writes land, or none do.
 *
 * The store is synchronous on purpose: better-sqlite3 is, and a use case that reads, checks and writes without an
 * `await` in between cannot interleave with another request in this process.
 */
export type Transaction = <T>(fn: () => T) => T;

/** The kernel's stores: every module may use them. Each module's own deps type adds its stores to `store`. */
export type CoreStore = { transaction: Transaction; audit: AuditLog; timers: TimerStore };

/** What every use case may use. Adapters are built in the composition root and passed in. */
export type CoreDeps = {
  store: CoreStore;
  clock: Clock;
  users: UserDirectory;
  logger: Logger;
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
