import type { AuditEntry, StoredAuditEntry } from './audit.ts';
import type { CalendarDate } from './calendar.ts';
import type { Decision, NewDecision } from './decision.ts';
import type { DecisionSide, Poll, PollActivity, Vote } from './go-no-go.ts';
import type { Person } from './people.ts';
import type { Release, ReleaseStatus } from './release.ts';
import type { Role, RoleAssignment } from './roles.ts';
import type { NewTimer, Timer } from './timers.ts';

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

export type NewRelease = {
  teamId: string;
  channelId: string;
  name: string;
  targetDate: CalendarDate;
  windowStart: CalendarDate | null;
  windowEnd: CalendarDate | null;
  timeZone: string;
  createdBy: string;
  createdAt: Date;
};

/**
 * The store is synchronous on purpose: better-sqlite3 is, and a use case that reads, checks and writes without an
 * `await` in between cannot interleave with another request in this process.
 */
export type ReleaseStore = {
  insert: (release: NewRelease) => Release;
  findById: (id: number) => Release | undefined;
  findActiveInChannel: (teamId: string, channelId: string) => Release | undefined;
  findByName: (teamId: string, name: string) => Release | undefined;
  listActive: (teamId: string) => Release[];
  listFinished: (teamId: string, limit: number) => Release[];
  setStatus: (id: number, status: ReleaseStatus, at: Date) => Release;
  assignments: (releaseId: number) => RoleAssignment[];
  assign: (assignment: RoleAssignment) => void;
  unassign: (releaseId: number, role: Role, userId: string) => boolean;
  /** Active releases where the user holds at least one role. */
  listForMember: (teamId: string, userId: string) => Release[];
};

export type AuditLog = {
  record: (entry: AuditEntry) => void;
  forRelease: (releaseId: number) => StoredAuditEntry[];
};

export type TimerStore = {
  /** Schedules a timer; a pending timer with the same key is moved to the new time instead. */
  schedule: (timer: NewTimer) => void;
  cancel: (key: string) => boolean;
  cancelForRelease: (releaseId: number, kindPrefix?: string) => number;
  /** Atomically claims up to `limit` timers due at `now` for `owner`; each claimed timer is returned once. */
  claimDue: (now: Date, owner: string, limit: number) => Timer[];
  complete: (id: number) => void;
  /** Gives a claimed timer back to run again at `retryAt`, or gives up after too many attempts. */
  fail: (id: number, error: string, retryAt: Date | null) => void;
  pending: (releaseId?: number) => Timer[];
};

export type DecisionStore = {
  record: (decision: NewDecision) => Decision;
  forRelease: (releaseId: number) => Decision[];
  forTeam: (teamId: string, limit: number) => Decision[];
};

export type NewPoll = {
  teamId: string;
  releaseId: number;
  activity: PollActivity;
  channelId: string;
  deadlineAt: Date | null;
  openedBy: string;
  openedAt: Date;
};

/** Go/no-go and rollback polls. Votes are append-only: a change of vote is a new row, never an edit. */
export type PollStore = {
  insert: (poll: NewPoll) => Poll;
  findById: (id: number) => Poll | undefined;
  findOpen: (releaseId: number, activity: PollActivity) => Poll | undefined;
  listOpen: (releaseId: number) => Poll[];
  /** Every vote ever cast in the poll, oldest first. */
  votes: (pollId: number) => Vote[];
  /** Appends a vote and bumps the poll's version. */
  addVote: (vote: Vote) => Poll;
  setMessage: (id: number, messageTs: string) => Poll;
  markReminded: (id: number, at: Date) => Poll;
  /** Closes an open poll with the decision; undefined when it was no longer open. */
  decide: (
    id: number,
    decision: { side: DecisionSide; decidedBy: string; decidedAt: Date; rationale: string | null },
  ) => Poll | undefined;
};

/**
 * Posts and updates poll messages outside the request that changed the poll (from timers too). Implementations
 * render from the database, never from a message, and never let an older render overwrite a newer one.
 */
export type PollMessenger = {
  /** Posts the poll message in its channel and returns the message's ts. */
  publish: (pollId: number) => Promise<string>;
  /** Brings the poll message up to date with the database. Resolves once the latest state is shown. */
  refresh: (pollId: number) => Promise<void>;
  /** A short message in the poll's thread (mrkdwn, typed text already escaped). */
  notifyThread: (pollId: number, text: string) => Promise<void>;
};

export type Store = {
  releases: ReleaseStore;
  decisions: DecisionStore;
  polls: PollStore;
  audit: AuditLog;
  timers: TimerStore;
  /** Runs `fn` in one database transaction: all of its writes land, or none do. */
  transaction: <T>(fn: () => T) => T;
};
