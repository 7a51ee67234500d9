import type { AuditEntry, StoredAuditEntry } from './domain/audit.ts';
import type { Person } from './domain/people.ts';
import type { NewTimer, Timer } from './domain/timers.ts';

export type Clock = { now: () => Date };

export type Logger = {
  debug: (...msg: unknown[]) => void;
  info: (...msg: unknown[]) => void;
  warn: (...msg: unknown[]) => void;
  error: (...msg: unknown[]) => void;
};

/** Looks people up in the chat workspace. */
export type UserDirectory = {
  /** The person, or undefined when the workspace has no such user. */
  lookup: (userId: string) => Promise<Person | undefined>;
};

export type AuditLog = {
  record: (entry: AuditEntry) => Promise<void>;
  forRelease: (releaseId: number) => Promise<StoredAuditEntry[]>;
};

export type TimerStore = {
  /** Schedules a timer; a pending timer with the same key is moved to the new time instead. */
  schedule: (timer: NewTimer) => Promise<void>;
  cancel: (key: string) => Promise<boolean>;
  cancelForRelease: (releaseId: number, kindPrefix?: string) => Promise<number>;
  /** Atomically claims up to `limit` timers due at `now` for `owner`; each claimed timer is returned once. */
  claimDue: (now: Date, owner: string, limit: number) => Promise<Timer[]>;
  complete: (id: number) => Promise<void>;
  /** Gives a claimed timer back to run again at `retryAt`, or gives up after too many attempts. */
  fail: (id: number, error: string, retryAt: Date | null) => Promise<void>;
  pending: (releaseId?: number) => Promise<Timer[]>;
};

/** A message in a channel. */
export type PostedMessage = { channelId: string; ts: string };
