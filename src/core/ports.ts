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
  /** Marks a running timer done; one its handler scheduled again meanwhile stays pending. */
  complete: (id: number) => Promise<void>;
  /**
   * Gives a running timer back to run again at `retryAt`, or gives up after too many attempts; one scheduled again
   * meanwhile keeps its new time.
   */
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

/**
 * A chat message the bot means to post exactly once, named by a key that says what it is (`standup:12:prompt`). The
 * Slack poster records it before posting, and after a takeover or a failed answer looks for the message carrying the
 * key before posting again (see src/platform/slack/post-once.ts).
 */
export type PostIntent = {
  key: string;
  channelId: string;
  threadTs: string | null;
  /** The earliest time the message can carry on the chat service's clock: the first claim's, less a margin. */
  searchFrom: Date;
  /** Claims so far: more than one means an earlier try may have posted. */
  attempts: number;
  /** Until when the try that claimed it last holds it (null once posted or released). */
  claimedUntil: Date | null;
  /** The message, once the bot knows it was posted. */
  posted: PostedMessage | null;
};

export type PostIntentStore = {
  /**
   * Records the intent the first time (later calls keep its channel, thread and `searchFrom`) and claims it for
   * `owner` until `until`, unless it is posted or another owner's claim has not run out. Returns the intent as stored
   * and whether `owner` holds it now.
   */
  claim: (input: {
    key: string;
    channelId: string;
    threadTs: string | null;
    searchFrom: Date;
    owner: string;
    now: Date;
    until: Date;
  }) => Promise<{ intent: PostIntent; claimed: boolean }>;
  /** Records the message that carries the intent; the claim ends with it. */
  posted: (key: string, message: PostedMessage, at: Date) => Promise<void>;
  /** Ends `owner`'s claim with nothing posted (the chat service refused), so the next try need not wait for it. */
  release: (key: string, owner: string) => Promise<void>;
  /** Forgets intents first recorded before `before` (long settled); returns how many. */
  prune: (before: Date) => Promise<number>;
};

/** A render of a message that only one process may update at a time; see `RenderLeaseStore`. */
export type RenderGrant = { held: true; version: number; digest: string | null } | { held: false; until: Date | null };

/**
 * Who updates a shared message (a poll's) and up to which version, across processes. Every request for a fresh
 * render bumps the message's requested version; one process at a time holds a short lease and renders from the
 * database until the version it rendered is the requested one, so a newer state is never overwritten by an older
 * render and no request is left unrendered. `digest` is what the message shows now, so nobody sends an unchanged one.
 */
export type RenderLeaseStore = {
  /** Asks for a render: bumps the requested version, and grants the lease when it is free, ran out, or is `owner`'s. */
  request: (key: string, owner: string, now: Date, until: Date) => Promise<RenderGrant>;
  /**
   * `owner` rendered `version` (the message shows `digest`): when nothing newer was asked for the lease ends
   * (`held: false`); otherwise it is renewed and the grant names the version to render next. A lease lost to another
   * process (it ran out) also answers `held: false`.
   */
  rendered: (input: {
    key: string;
    owner: string;
    version: number;
    digest: string | null;
    now: Date;
    until: Date;
  }) => Promise<RenderGrant>;
  /** Ends `owner`'s lease without a render (it failed); the requests stay owed. */
  release: (key: string, owner: string) => Promise<void>;
  /** Whether a render was asked for and not yet made. */
  pending: (key: string) => Promise<boolean>;
};
