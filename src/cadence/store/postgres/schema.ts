import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, milliseconds } from '../../../platform/store/postgres/columns.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { RISK_STATUSES } from '../../domain/risk.ts';
import { STANDUP_DELIVERIES } from '../../domain/schedule.ts';
import { OCCURRENCE_STATUSES } from '../schema.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const cadenceConfigs = pgTable('cadence_configs', {
  releaseId: integer('release_id')
    .primaryKey()
    .references(() => releases.id, { onDelete: 'cascade' }),
  standupTime: integer('standup_time').notNull(),
  workingDays: text('working_days').notNull(),
  reminderAfterMs: milliseconds('reminder_after_ms').notNull(),
  cutoffAfterMs: milliseconds('cutoff_after_ms').notNull(),
  holidays: text('holidays_json').notNull(),
  riskDay: integer('risk_day').notNull(),
  riskTime: integer('risk_time').notNull(),
  riskCollectMs: milliseconds('risk_collect_ms').notNull(),
  standupDelivery: text('standup_delivery', { enum: STANDUP_DELIVERIES }).notNull().default('channel'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** Every scheduled run, claimed before it runs: the unique (release, job, slot) makes it happen at most once. */
export const occurrences = pgTable(
  'occurrences',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: OCCURRENCE_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    claimedBy: text('claimed_by'),
    claimedAt: instant('claimed_at').notNull(),
    finishedAt: instant('finished_at'),
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
export const standups = pgTable(
  'standups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    promptedAt: instant('prompted_at').notNull(),
    remindedAt: instant('reminded_at'),
    summaryTs: text('summary_ts'),
    summarizedAt: instant('summarized_at'),
  },
  (t) => [uniqueIndex('standups_release_slot').on(t.releaseId, t.slot)],
);

/** A person's answer to one standup, for all the roles they hold; edited in place the same day. */
export const standupAnswers = pgTable(
  'standup_answers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    standupId: integer('standup_id')
      .notNull()
      .references(() => standups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answers: text('answers_json').notNull(),
    /** Set when a delegate answered for the absent holder (`user_id`). */
    answeredBy: text('answered_by'),
    replyTs: text('reply_ts'),
    answeredAt: instant('answered_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('standup_answers_person').on(t.standupId, t.userId)],
);

/** With DM delivery, one prompt per person and standup; the row is the claim (see `../schema.ts`). */
export const standupDms = pgTable(
  'standup_dms',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    standupId: integer('standup_id')
      .notNull()
      .references(() => standups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    dueAt: instant('due_at').notNull(),
    timeZone: text('time_zone').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: instant('claimed_at').notNull(),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    remindedAt: instant('reminded_at'),
  },
  (t) => [uniqueIndex('standup_dms_person').on(t.standupId, t.userId)],
);

export const risks = pgTable(
  'risks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    reviewedAt: instant('reviewed_at'),
    closedAt: instant('closed_at'),
  },
  (t) => [index('risks_release').on(t.releaseId, t.status)],
);

/** Append-only: every change to a risk, who made it and when. */
export const riskHistory = pgTable(
  'risk_history',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    change: text('change').notNull(),
    before: text('before_json'),
    after: text('after_json'),
    note: text('note'),
    at: instant('at').notNull(),
  },
  (t) => [index('risk_history_risk').on(t.riskId, t.id)],
);

/** The register as the weekly report saw it, for next week's trend. */
export const riskSnapshots = pgTable(
  'risk_snapshots',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    takenAt: instant('taken_at').notNull(),
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
export const weeklyNotes = pgTable(
  'weekly_notes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [uniqueIndex('weekly_notes_one').on(t.releaseId, t.slot, t.userId, t.kind)],
);

/** The retrospective after a release ends: its prompt and every answer. */
export const retrospectives = pgTable('retrospectives', {
  releaseId: integer('release_id')
    .primaryKey()
    .references(() => releases.id, { onDelete: 'cascade' }),
  channelId: text('channel_id').notNull(),
  messageTs: text('message_ts'),
  promptedAt: instant('prompted_at').notNull(),
  closesAt: instant('closes_at').notNull(),
  summaryTs: text('summary_ts'),
});

export const retroAnswers = pgTable(
  'retro_answers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answers: text('answers_json').notNull(),
    replyTs: text('reply_ts'),
    at: instant('at').notNull(),
  },
  (t) => [uniqueIndex('retro_answers_person').on(t.releaseId, t.userId)],
);
