import type { CalendarDate } from '../core/domain/calendar.ts';
import type { Release } from '../core/domain/release.ts';
import type { Risk, RiskChange, RiskReport, RiskSnapshot } from './domain/risk.ts';
import type { CadenceConfig, CadenceJob } from './domain/schedule.ts';
import type { RoleAnswers, Standup, StandupAnswer, StandupSummary } from './domain/standup.ts';

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
