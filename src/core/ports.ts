import type { Risk, RiskChange, RiskReport, RiskSnapshot } from '../cadence/domain/risk.ts';
import type { CadenceConfig, CadenceJob } from '../cadence/domain/schedule.ts';
import type { RoleAnswers, Standup, StandupAnswer, StandupSummary } from '../cadence/domain/standup.ts';
import type { Escalation, EscalationLevel, LevelSetting, NewEscalation } from '../escalation/domain/escalation.ts';
import type { AuthorityConflict, AuthorityProposal, ProposalStatus } from '../governance/domain/authority.ts';
import type { ChecklistItem, ChecklistTick } from '../governance/domain/checklist.ts';
import type { Decision, NewDecision } from '../governance/domain/decision.ts';
import type { HandoffState } from '../governance/domain/handoff.ts';
import type { DecisionSide, Poll, PollActivity, Vote } from '../polls/domain/go-no-go.ts';
import type { AuditEntry, StoredAuditEntry } from './domain/audit.ts';
import type { CalendarDate } from './domain/calendar.ts';
import type { Person } from './domain/people.ts';
import type { Release, ReleaseStatus } from './domain/release.ts';
import type { Role, RoleAssignment } from './domain/roles.ts';
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

export type NewRelease = Pick<
  Release,
  'teamId' | 'channelId' | 'name' | 'targetDate' | 'windowStart' | 'windowEnd' | 'timeZone' | 'createdBy' | 'createdAt'
>;

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

/** A message the bot posted for an escalation, so it can be updated in place later. */
export type EscalationMessage = {
  escalationId: number;
  step: number;
  kind: 'level' | 'notice';
  level: EscalationLevel;
  channelId: string;
  ts: string;
  postedAt: Date;
};

export type EscalationStore = {
  insert: (escalation: NewEscalation) => Escalation;
  findById: (id: number) => Escalation | undefined;
  /** Writes the escalation's whole state (status, level, step, history, acknowledgement, resolution). */
  save: (escalation: Escalation) => void;
  /** Not yet resolved, oldest first. */
  listActive: (teamId: string) => Escalation[];
  listForRelease: (releaseId: number) => Escalation[];
  /** Raised at or after `since`, oldest first (for metrics). */
  listRaisedSince: (teamId: string, since: Date) => Escalation[];
  /** Records a posted message; false when one is already recorded for that step and kind. */
  addMessage: (message: EscalationMessage) => boolean;
  messages: (escalationId: number) => EscalationMessage[];
  levelSettings: (teamId: string) => LevelSetting[];
  saveLevelSetting: (setting: LevelSetting) => void;
};

/** Checklist, handoffs, conflicts and joint-decision proposals (release governance). */
export type GovernanceStore = {
  checklist: (releaseId: number) => ChecklistItem[];
  createChecklist: (items: ReadonlyArray<Omit<ChecklistItem, 'tickedBy' | 'tickedAt' | 'evidenceUrl'>>) => void;
  /** Sets an item's current state (`null` unticks) and appends the tick to the history. */
  setTick: (tick: Omit<ChecklistTick, 'id'>) => void;
  checklistHistory: (releaseId: number) => ChecklistTick[];
  handoffs: (releaseId: number) => HandoffState[];
  saveHandoff: (state: HandoffState) => void;
  recordConflict: (conflict: Omit<AuthorityConflict, 'id' | 'resolvedByDecisionId'>) => AuthorityConflict;
  conflicts: (releaseId: number) => AuthorityConflict[];
  resolveConflicts: (releaseId: number, area: string, decisionId: number) => number;
  recordProposal: (
    proposal: Omit<AuthorityProposal, 'id' | 'status' | 'resolvedBy' | 'resolvedAt'>,
  ) => AuthorityProposal;
  proposal: (id: number) => AuthorityProposal | undefined;
  /** Closes every open proposal of the area (superseded or agreed). */
  closeProposals: (
    releaseId: number,
    area: string,
    status: Exclude<ProposalStatus, 'open'>,
    by: string,
    at: Date,
  ) => number;
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
  /** Every poll of the release, open or decided, oldest first. */
  listForRelease: (releaseId: number) => Poll[];
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
  escalations: EscalationStore;
  governance: GovernanceStore;
  polls: PollStore;
  audit: AuditLog;
  timers: TimerStore;
  cadence: CadenceStore;
  standups: StandupStore;
  risks: RiskStore;
  retros: RetroStore;
  /** Runs `fn` in one database transaction: all of its writes land, or none do. */
  transaction: <T>(fn: () => T) => T;
};

/** A message in a channel. */
export type PostedMessage = { channelId: string; ts: string };

/** Everything needed to show one escalation message; the current state is in `escalation`. */
export type EscalationCard = {
  escalation: Escalation;
  release: { id: number; name: string; channelId: string };
  /** The level this message was posted for (an older message shows that the escalation moved on). */
  postedLevel: EscalationLevel;
  /** Whom the posting pings: user ids (U…) and user group ids (S…). */
  pings: string[];
  /** A line for the reader, e.g. that a level is not configured and the command that configures it. */
  hint?: string;
};

/** Posts and updates escalation messages outside a request (timers) as well as inside one. */
export type EscalationPager = {
  /** Posts the escalation in a level's channel, mentioning the level's people. */
  postLevel: (channelId: string, card: EscalationCard) => Promise<PostedMessage>;
  /** Posts the short notice in the release channel, linking to the level message. */
  postNotice: (channelId: string, card: EscalationCard, levelMessage: PostedMessage) => Promise<PostedMessage>;
  /** Re-renders a posted message from the current state (buttons go once it is resolved). */
  update: (message: EscalationMessage, card: EscalationCard, levelMessage: PostedMessage | undefined) => Promise<void>;
};

// ── Cadence: standups, risks, the schedule (issue 4) ──────────────────────────────────────────────────────────────

export type OccurrenceStatus = 'claimed' | 'done' | 'missed' | 'failed';
export type OccurrenceRecord = {
  releaseId: number;
  job: CadenceJob;
  slot: CalendarDate;
  dueAt: Date;
  status: OccurrenceStatus;
  claimedAt: Date;
  finishedAt: Date | null;
  note: string | null;
};

export type CadenceStore = {
  /** Active releases of every workspace: the schedule runs for all of them. */
  activeReleases: () => Release[];
  config: (releaseId: number) => CadenceConfig;
  saveConfig: (releaseId: number, config: CadenceConfig, by: string) => void;
  /**
   * Claims (release, job, slot) for `owner`: true for exactly one caller. A failed run, or a claim older than the
   * lease (its process died), may be claimed again.
   */
  claim: (input: {
    releaseId: number;
    job: CadenceJob;
    slot: CalendarDate;
    dueAt: Date;
    owner: string;
    now: Date;
    /** Also take over a slot recorded as missed (a person asked for it by hand). */
    includeMissed?: boolean;
  }) => boolean;
  /** Records a run that was not made in time; false when the slot was already claimed or recorded. */
  recordMissed: (input: { releaseId: number; job: CadenceJob; slot: CalendarDate; dueAt: Date; now: Date }) => boolean;
  finish: (
    releaseId: number,
    job: CadenceJob,
    slot: CalendarDate,
    status: 'done' | 'failed',
    at: Date,
    note?: string,
  ) => void;
  find: (releaseId: number, job: CadenceJob, slot: CalendarDate) => OccurrenceRecord | undefined;
  missed: (releaseId: number, limit: number) => OccurrenceRecord[];
};

export type StandupStore = {
  /** The day's standup, created on first use. */
  open: (input: { releaseId: number; slot: CalendarDate; channelId: string; at: Date }) => Standup;
  findById: (id: number) => Standup | undefined;
  findBySlot: (releaseId: number, slot: CalendarDate) => Standup | undefined;
  /** Every standup of the release (posted or not), oldest day first. */
  listForRelease: (releaseId: number) => Standup[];
  setMessage: (id: number, ts: string) => void;
  setReminded: (id: number, at: Date) => void;
  setSummary: (id: number, ts: string, at: Date) => void;
  answers: (standupId: number) => StandupAnswer[];
  findAnswer: (id: number) => StandupAnswer | undefined;
  /** Inserts or replaces a person's answers for the roles given (other roles' answers are kept). */
  saveAnswer: (input: { standupId: number; userId: string; answers: RoleAnswers; at: Date }) => StandupAnswer;
  setAnswerReply: (id: number, ts: string) => void;
};

export type NewRisk = Omit<Risk, 'id' | 'status' | 'updatedAt' | 'reviewedAt' | 'closedAt'>;

export type RiskStore = {
  add: (risk: NewRisk) => Risk;
  findById: (id: number) => Risk | undefined;
  list: (releaseId: number, options?: { includeClosed?: boolean }) => Risk[];
  update: (id: number, changes: Partial<Omit<Risk, 'id' | 'releaseId'>>) => Risk;
  recordChange: (change: Omit<RiskChange, 'id'>) => void;
  history: (releaseId: number) => RiskChange[];
  latestSnapshot: (releaseId: number) => RiskSnapshot | undefined;
  saveSnapshot: (releaseId: number, snapshot: RiskSnapshot) => void;
  saveNote: (input: {
    releaseId: number;
    slot: CalendarDate;
    userId: string;
    kind: string;
    text: string;
    at: Date;
  }) => void;
  notes: (releaseId: number, slot: CalendarDate) => Array<{ userId: string; kind: string; text: string; at: Date }>;
};

export type Retrospective = {
  releaseId: number;
  channelId: string;
  messageTs: string | null;
  promptedAt: Date;
  closesAt: Date;
  summaryTs: string | null;
};
export type RetroAnswer = { userId: string; answers: Record<string, string>; replyTs: string | null; at: Date };

export type RetroStore = {
  open: (input: Omit<Retrospective, 'messageTs' | 'summaryTs'>) => Retrospective;
  find: (releaseId: number) => Retrospective | undefined;
  setMessage: (releaseId: number, ts: string) => void;
  setSummary: (releaseId: number, ts: string) => void;
  saveAnswer: (releaseId: number, answer: Omit<RetroAnswer, 'replyTs'>) => void;
  setAnswerReply: (releaseId: number, userId: string, ts: string) => void;
  answers: (releaseId: number) => RetroAnswer[];
};

/** Posts the standup's messages (prompt, answers in its thread, reminders, summary) in the release channel. */
export type StandupMessenger = {
  postPrompt: (input: {
    release: Release;
    standup: Standup;
    cutoffAt: Date;
    roleHolders: string[];
  }) => Promise<{ ts: string }>;
  postAnswer: (input: { release: Release; standup: Standup; answer: StandupAnswer }) => Promise<{ ts: string }>;
  updateAnswer: (input: { release: Release; standup: Standup; answer: StandupAnswer; ts: string }) => Promise<void>;
  remind: (input: { release: Release; standup: Standup; userIds: string[]; cutoffAt: Date }) => Promise<void>;
  postSummary: (input: { release: Release; standup: Standup; summary: StandupSummary }) => Promise<{ ts: string }>;
};

export type RiskReview = { owner: string; risks: Risk[] };

/** Posts the weekly risk review requests and the risk report in the release channel. */
export type RiskReporter = {
  askForReview: (input: {
    release: Release;
    slot: CalendarDate;
    reviews: RiskReview[];
    progressFrom: string[];
    featuresFrom: string[];
    reportAt: Date;
  }) => Promise<{ ts: string }>;
  postReport: (input: {
    release: Release;
    report: RiskReport;
    notes: Array<{ userId: string; kind: string; text: string }>;
    extras: string[];
  }) => Promise<{ ts: string }>;
};

/** Posts the retrospective prompt, answers and summary. */
export type RetroMessenger = {
  postPrompt: (input: { release: Release; holders: string[]; closesAt: Date }) => Promise<{ ts: string }>;
  postAnswer: (input: {
    release: Release;
    retro: Retrospective;
    userId: string;
    answers: Record<string, string>;
    ts: string | null;
  }) => Promise<{ ts: string }>;
  postSummary: (input: {
    release: Release;
    retro: Retrospective;
    answers: RetroAnswer[];
    missing: string[];
  }) => Promise<{ ts: string }>;
};
