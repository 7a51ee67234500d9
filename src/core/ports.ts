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

/** Who is in a channel, as the chat workspace says (briefly cached). */
export type ChannelMembership = {
  /** False also when the bot cannot see the channel's members: access is refused, not assumed. */
  isMember: (channelId: string, userId: string) => Promise<boolean>;
};

/** A modal the bot opened, as recorded when `views.open` answered: a submission is accepted only for one of these. */
export type OpenedView = {
  viewId: string;
  callbackId: string;
  /** Who it was opened for: only they may submit it. */
  userId: string;
  /** The `private_metadata` the bot gave it; a submission carrying anything else is forged. */
  privateMetadata: string;
  openedAt: Date;
  expiresAt: Date;
};

/**
 * What Slack already delivered and what the bot opened, kept in the database so that restarts and replicas agree:
 * request signatures seen (replays), block actions and view submissions handled (double clicks, Slack's retries),
 * and the modals the bot opened. Every record expires.
 */
export type InteractionStore = {
  /** Claims `key` until `expiresAt`: true for the first caller, false while an unexpired claim exists. */
  claim: (key: string, now: Date, expiresAt: Date) => Promise<boolean>;
  /** Gives a claim back (a submission answered with errors may be submitted again). */
  release: (key: string) => Promise<void>;
  recordView: (view: OpenedView) => Promise<void>;
  /** The view as opened, unless it is unknown or expired at `now`. */
  findView: (viewId: string, now: Date) => Promise<OpenedView | undefined>;
  /** Deletes every claim and view expired at `now`; returns how many rows went. */
  purgeExpired: (now: Date) => Promise<number>;
};

/** What a modal needs for the bot to open it: Slack's view object (only these fields are read here). */
export type ModalToOpen = { type: 'modal'; callback_id?: string; private_metadata?: string };

export type OpenModalResult = { ok: true; viewId: string } | { ok: false; message: string };

/**
 * Opens modals and records each one it opened (so that only those can be submitted). A trigger that expired before
 * the request reached Slack is an answer to give the person ("click again"), not an error.
 */
export type ModalOpener = {
  open: (input: { triggerId: string; userId: string; view: ModalToOpen }) => Promise<OpenModalResult>;
};

/** A message in a channel. */
export type PostedMessage = { channelId: string; ts: string };
