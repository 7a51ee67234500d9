import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from '../../platform/store/columns.ts';
import { releases } from '../../releases/store/schema.ts';
import { RISK_STATUSES } from '../domain/risk.ts';
import { STANDUP_DELIVERIES } from '../domain/schedule.ts';

// ── Cadence: standups, risks, the schedule (issue 4) ──────────────────────────────────────────────────────────────

/** A release's cadence settings; a release without a row uses the defaults. */
export const cadenceConfigs = sqliteTable('cadence_configs', {
  releaseId: integer('release_id')
    .primaryKey()
    .references(() => releases.id, { onDelete: 'cascade' }),
  standupTime: integer('standup_time').notNull(),
  workingDays: text('working_days').notNull(),
  reminderAfterMs: integer('reminder_after_ms').notNull(),
  cutoffAfterMs: integer('cutoff_after_ms').notNull(),
  holidays: text('holidays_json').notNull(),
  riskDay: integer('risk_day').notNull(),
  riskTime: integer('risk_time').notNull(),
  riskCollectMs: integer('risk_collect_ms').notNull(),
  standupDelivery: text('standup_delivery', { enum: STANDUP_DELIVERIES }).notNull().default('channel'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const OCCURRENCE_STATUSES = ['claimed', 'done', 'missed', 'failed'] as const;

/** Every scheduled run, claimed before it runs: the unique (release, job, slot) makes it happen at most once. */
export const occurrences = sqliteTable(
  'occurrences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    dueAt: timestamp('due_at').notNull(),
    status: text('status', { enum: OCCURRENCE_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at').notNull(),
    finishedAt: timestamp('finished_at'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('occurrences_release_job_slot').on(t.releaseId, t.job, t.slot),
    index('occurrences_status').on(t.releaseId, t.status),
    // The scheduler reads what is on record in its look-back window on every tick.
    index('occurrences_due').on(t.dueAt),
  ],
);

/** One standup per release and day: its prompt message and what happened to it. */
export const standups = sqliteTable(
  'standups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    promptedAt: timestamp('prompted_at').notNull(),
    remindedAt: timestamp('reminded_at'),
    summaryTs: text('summary_ts'),
    summarizedAt: timestamp('summarized_at'),
  },
  (t) => [uniqueIndex('standups_release_slot').on(t.releaseId, t.slot)],
);

/** A person's answer to one standup, for all the roles they hold; edited in place the same day. */
export const standupAnswers = sqliteTable(
  'standup_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    standupId: integer('standup_id')
      .notNull()
      .references(() => standups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answers: text('answers_json').notNull(),
    /** Set when a delegate answered for the absent holder (`user_id`). */
    answeredBy: text('answered_by'),
    replyTs: text('reply_ts'),
    answeredAt: timestamp('answered_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('standup_answers_person').on(t.standupId, t.userId)],
);

/**
 * With DM delivery, one prompt per person and standup: the row is the claim (unique per standup and person), made
 * before the DM is sent, so each person is prompted once a day across restarts and processes.
 */
export const standupDms = sqliteTable(
  'standup_dms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    standupId: integer('standup_id')
      .notNull()
      .references(() => standups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    dueAt: timestamp('due_at').notNull(),
    timeZone: text('time_zone').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at').notNull(),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    remindedAt: timestamp('reminded_at'),
  },
  (t) => [uniqueIndex('standup_dms_person').on(t.standupId, t.userId)],
);

export const risks = sqliteTable(
  'risks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    severity: integer('severity').notNull(),
    likelihood: integer('likelihood').notNull(),
    ownerId: text('owner_id'),
    mitigation: text('mitigation'),
    dueDate: text('due_date'),
    status: text('status', { enum: RISK_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    reviewedAt: timestamp('reviewed_at'),
    closedAt: timestamp('closed_at'),
  },
  (t) => [index('risks_release').on(t.releaseId, t.status)],
);

/** Append-only: every change to a risk, who made it and when. */
export const riskHistory = sqliteTable(
  'risk_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    change: text('change').notNull(),
    before: text('before_json'),
    after: text('after_json'),
    note: text('note'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('risk_history_risk').on(t.riskId, t.id)],
);

/** The register as the weekly report saw it, for next week's trend. */
export const riskSnapshots = sqliteTable(
  'risk_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    takenAt: timestamp('taken_at').notNull(),
    openCount: integer('open_count').notNull(),
    totalScore: integer('total_score').notNull(),
    highCount: integer('high_count').notNull(),
    /** The band counts and the mitigated count, for the trend chart; null on snapshots taken before them. */
    mediumCount: integer('medium_count'),
    lowCount: integer('low_count'),
    mitigatedCount: integer('mitigated_count'),
    /** The report the snapshot belongs to (`risk-report:<release>:<week>`): one snapshot per scheduled report. */
    reportKey: text('report_key'),
    messageTs: text('message_ts'),
  },
  (t) => [
    index('risk_snapshots_release').on(t.releaseId, t.takenAt),
    uniqueIndex('risk_snapshots_report').on(t.releaseId, t.reportKey),
  ],
);

/** Notes asked for by the weekly review (the RM's progress note, the PO's feature status). */
export const weeklyNotes = sqliteTable(
  'weekly_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [uniqueIndex('weekly_notes_one').on(t.releaseId, t.slot, t.userId, t.kind)],
);

/** The retrospective after a release ends: its prompt and every answer. */
export const retrospectives = sqliteTable('retrospectives', {
  releaseId: integer('release_id')
    .primaryKey()
    .references(() => releases.id, { onDelete: 'cascade' }),
  channelId: text('channel_id').notNull(),
  messageTs: text('message_ts'),
  promptedAt: timestamp('prompted_at').notNull(),
  closesAt: timestamp('closes_at').notNull(),
  summaryTs: text('summary_ts'),
});

export const retroAnswers = sqliteTable(
  'retro_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answers: text('answers_json').notNull(),
    replyTs: text('reply_ts'),
    at: timestamp('at').notNull(),
  },
  (t) => [uniqueIndex('retro_answers_person').on(t.releaseId, t.userId)],
);
