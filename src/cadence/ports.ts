import type { RetroItem } from '../core/contributions.ts';
import type { CalendarDate } from '../core/domain/calendar.ts';
import type { Release } from '../core/domain/release.ts';
import type { Role } from '../core/domain/roles.ts';
import type { Risk, RiskChange, RiskReport, RiskSnapshot } from './domain/risk.ts';
import type { Chart } from './domain/risk-charts.ts';
import type { CadenceConfig, CadenceJob, StandupDelivery } from './domain/schedule.ts';
import type { RoleAnswers, Standup, StandupAnswer, StandupDm, StandupSummary } from './domain/standup.ts';

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

/** One occurrence's identity, as a string (`recordedSince`). */
export const occurrenceKey = (releaseId: number, job: string, slot: string): string => `${releaseId}|${job}|${slot}`;

export type CadenceStore = {
  /** Active releases of every workspace: the schedule runs for all of them. */
  activeReleases: () => Promise<Release[]>;
  config: (releaseId: number) => Promise<CadenceConfig>;
  saveConfig: (releaseId: number, config: CadenceConfig, by: string) => Promise<void>;
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
  }) => Promise<boolean>;
  /**
   * The (release, job, slot) keys recorded, in any status, for occurrences due at or after `since`, as
   * `occurrenceKey` makes them: one read per tick, so that a missed slot already on record costs no write again.
   */
  recordedSince: (since: Date) => Promise<Set<string>>;
  /** Records a run that was not made in time; false when the slot was already claimed or recorded. */
  recordMissed: (input: {
    releaseId: number;
    job: CadenceJob;
    slot: CalendarDate;
    dueAt: Date;
    now: Date;
  }) => Promise<boolean>;
  finish: (
    releaseId: number,
    job: CadenceJob,
    slot: CalendarDate,
    status: 'done' | 'failed',
    at: Date,
    note?: string,
  ) => Promise<void>;
  find: (releaseId: number, job: CadenceJob, slot: CalendarDate) => Promise<OccurrenceRecord | undefined>;
  missed: (releaseId: number, limit: number) => Promise<OccurrenceRecord[]>;
};

export type StandupStore = {
  /** The day's standup, created on first use. */
  open: (input: { releaseId: number; slot: CalendarDate; channelId: string; at: Date }) => Promise<Standup>;
  findById: (id: number) => Promise<Standup | undefined>;
  findBySlot: (releaseId: number, slot: CalendarDate) => Promise<Standup | undefined>;
  /** Every standup of the release (posted or not), oldest day first. */
  listForRelease: (releaseId: number) => Promise<Standup[]>;
  setMessage: (id: number, ts: string) => Promise<void>;
  setReminded: (id: number, at: Date) => Promise<void>;
  setSummary: (id: number, ts: string, at: Date) => Promise<void>;
  answers: (standupId: number) => Promise<StandupAnswer[]>;
  findAnswer: (id: number) => Promise<StandupAnswer | undefined>;
  /**
   * Inserts or replaces a person's answers for the roles given (other roles' answers are kept). `answeredBy` is the
   * delegate answering for the away holder `userId` (null or omitted: the holder); the last save sets it.
   */
  saveAnswer: (input: {
    standupId: number;
    userId: string;
    answers: RoleAnswers;
    answeredBy?: string | null;
    at: Date;
  }) => Promise<StandupAnswer>;
  setAnswerReply: (id: number, ts: string) => Promise<void>;
  /**
   * Claims the DM prompt of one person for one standup: true for exactly one caller. A claim whose DM was never
   * recorded and that is older than the lease (its process died) may be claimed again; the poster keeps the DM single.
   */
  claimDm: (input: {
    standupId: number;
    userId: string;
    dueAt: Date;
    timeZone: string;
    owner: string;
    now: Date;
  }) => Promise<boolean>;
  setDmMessage: (standupId: number, userId: string, channelId: string, ts: string) => Promise<void>;
  /** The DM prompts of a standup, in the order they were claimed. */
  dms: (standupId: number) => Promise<StandupDm[]>;
  /** Marks a person's DM reminder as sent: true for exactly one caller. */
  claimDmReminder: (standupId: number, userId: string, at: Date) => Promise<boolean>;
};

export type NewRisk = Omit<Risk, 'id' | 'status' | 'updatedAt' | 'reviewedAt' | 'closedAt'>;

export type RiskStore = {
  add: (risk: NewRisk) => Promise<Risk>;
  findById: (id: number) => Promise<Risk | undefined>;
  list: (releaseId: number, options?: { includeClosed?: boolean }) => Promise<Risk[]>;
  update: (id: number, changes: Partial<Omit<Risk, 'id' | 'releaseId'>>) => Promise<Risk>;
  recordChange: (change: Omit<RiskChange, 'id'>) => Promise<void>;
  history: (releaseId: number) => Promise<RiskChange[]>;
  latestSnapshot: (releaseId: number) => Promise<RiskSnapshot | undefined>;
  /** Every snapshot of the release, oldest first: one point each on the trend chart. */
  snapshots: (releaseId: number) => Promise<Array<RiskSnapshot & { reportKey: string | null }>>;
  /** Saves a report's snapshot; with a `reportKey` only the first for that key is kept (a retried report). */
  saveSnapshot: (releaseId: number, snapshot: RiskSnapshot, reportKey?: string) => Promise<void>;
  saveNote: (input: {
    releaseId: number;
    slot: CalendarDate;
    userId: string;
    kind: string;
    text: string;
    at: Date;
  }) => Promise<void>;
  notes: (
    releaseId: number,
    slot: CalendarDate,
  ) => Promise<Array<{ userId: string; kind: string; text: string; at: Date }>>;
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
  open: (input: Omit<Retrospective, 'messageTs' | 'summaryTs'>) => Promise<Retrospective>;
  find: (releaseId: number) => Promise<Retrospective | undefined>;
  setMessage: (releaseId: number, ts: string) => Promise<void>;
  setSummary: (releaseId: number, ts: string) => Promise<void>;
  saveAnswer: (releaseId: number, answer: Omit<RetroAnswer, 'replyTs'>) => Promise<void>;
  setAnswerReply: (releaseId: number, userId: string, ts: string) => Promise<void>;
  answers: (releaseId: number) => Promise<RetroAnswer[]>;
};

/**
 * Posts the standup's messages (prompt, answers in its thread, reminders, summary) in the release channel: each at
 * most once per standup (an answer once per answer), however often it is asked.
 */
export type StandupMessenger = {
  postPrompt: (input: {
    release: Release;
    standup: Standup;
    cutoffAt: Date;
    roleHolders: string[];
    delivery?: StandupDelivery;
  }) => Promise<{ ts: string }>;
  /** A role holder's prompt by DM (once per standup and person); where it went, to close it later. */
  postDmPrompt: (input: {
    release: Release;
    standup: Standup;
    userId: string;
    roles: Role[];
    greeting: string | undefined;
    cutoffAt: Date;
  }) => Promise<{ channel: string; ts: string }>;
  /** The reminder in a person's DM prompt's thread (once per standup and person). */
  remindDm: (input: {
    standup: Standup;
    dm: StandupDm & { channelId: string; messageTs: string };
    cutoffAt: Date;
  }) => Promise<void>;
  /** Replaces a prompt's buttons with "closed, see the summary"; `target` is the channel prompt or a DM. */
  closePrompt: (input: {
    release: Release;
    standup: Standup;
    target: { channel: string; ts: string };
    summaryTs: string;
  }) => Promise<void>;
  postAnswer: (input: { release: Release; standup: Standup; answer: StandupAnswer }) => Promise<{ ts: string }>;
  updateAnswer: (input: { release: Release; standup: Standup; answer: StandupAnswer; ts: string }) => Promise<void>;
  remind: (input: { release: Release; standup: Standup; userIds: string[]; cutoffAt: Date }) => Promise<void>;
  postSummary: (input: {
    release: Release;
    standup: Standup;
    summary: StandupSummary;
    names?: Readonly<Record<string, string>>;
  }) => Promise<{ ts: string }>;
};

/**
 * Posts the weekly risk review message (once per release and week; kept up to date as risks are reviewed) and the risk report (once per `key` when it
 * has one: the scheduled report does, one asked for by a command does not) in the release channel.
 */
export type RiskReporter = {
  /** Posts the week's review message (once per release and week), rendered from the database like every update. */
  askForReview: (input: { release: Release; slot: CalendarDate }) => Promise<{ ts: string }>;
  /**
   * Re-renders the week's review message from the database with `chat.update`: coalesced, one process at a time
   * (a render lease), the latest state always last.
   */
  refreshReview: (releaseId: number, slot: CalendarDate) => Promise<void>;
  postReport: (input: {
    key?: string;
    release: Release;
    report: RiskReport;
    notes: Array<{ userId: string; kind: string; text: string }>;
    extras: string[];
    /** Names of the people the report names without mentioning them. */
    names: Record<string, string>;
  }) => Promise<{ ts: string }>;
  /**
   * Draws the report's charts and uploads them into its thread, once per `key`. Throws only when trying again may
   * help (a rate limit, a lost answer); a chart that cannot be drawn or an upload Slack refuses is logged and skipped.
   */
  uploadCharts: (input: { key: string; release: Release; threadTs: string; charts: Chart[] }) => Promise<void>;
};

/** Posts the retrospective prompt and summary (once per release) and each person's answer (once, then edited). */
export type RetroMessenger = {
  postPrompt: (input: {
    release: Release;
    holders: string[];
    closesAt: Date;
    /** Other modules' items, listed in the prompt (required ones say of whom). */
    items: RetroItem[];
  }) => Promise<{ ts: string }>;
  postAnswer: (input: {
    release: Release;
    retro: Retrospective;
    userId: string;
    answers: Record<string, string>;
    ts: string | null;
    items: RetroItem[];
  }) => Promise<{ ts: string }>;
  postSummary: (input: {
    release: Release;
    retro: Retrospective;
    answers: RetroAnswer[];
    missing: string[];
    items: RetroItem[];
  }) => Promise<{ ts: string }>;
};
