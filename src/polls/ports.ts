import type { Role } from '../core/domain/roles.ts';
import type { DecisionSide, Poll, PollActivity, Vote } from './domain/go-no-go.ts';

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
  insert: (poll: NewPoll) => Promise<Poll>;
  findById: (id: number) => Promise<Poll | undefined>;
  findOpen: (releaseId: number, activity: PollActivity) => Promise<Poll | undefined>;
  listOpen: (releaseId: number) => Promise<Poll[]>;
  /** Every poll of the release, open or decided, oldest first. */
  listForRelease: (releaseId: number) => Promise<Poll[]>;
  /** Every vote ever cast in the poll, oldest first. */
  votes: (pollId: number) => Promise<Vote[]>;
  /**
   * The latest vote of each of `roles` (none for a role that has not voted), in the order they were cast: all a tally
   * needs, read without the history, so a click costs the same however many times the votes have changed.
   */
  latestVotes: (pollId: number, roles: readonly Role[]) => Promise<Vote[]>;
  /** Appends a vote and bumps the poll's version. */
  addVote: (vote: Vote) => Promise<Poll>;
  setMessage: (id: number, messageTs: string) => Promise<Poll>;
  markReminded: (id: number, at: Date) => Promise<Poll>;
  /** Closes an open poll with the decision; undefined when it was no longer open. */
  decide: (
    id: number,
    decision: { side: DecisionSide; decidedBy: string; decidedAt: Date; rationale: string | null },
  ) => Promise<Poll | undefined>;
};

/**
 * Posts and updates poll messages outside the request that changed the poll (from timers too). Implementations
 * render from the database, never from a message, and never let an older render overwrite a newer one, even with
 * several processes rendering.
 */
export type PollMessenger = {
  /** Posts the poll message in its channel (once per poll) and returns the message's ts. */
  publish: (pollId: number) => Promise<string>;
  /**
   * Brings the poll message up to date with the database. Resolves once the latest state is shown, or once another
   * process that holds the poll's render lease has been told to show it.
   */
  refresh: (pollId: number) => Promise<void>;
  /** A short message in the poll's thread (mrkdwn, typed text already escaped); once per `key` when given. */
  notifyThread: (pollId: number, text: string, key?: string) => Promise<void>;
};
