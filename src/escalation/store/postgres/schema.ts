import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, milliseconds } from '../../../platform/store/postgres/columns.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { ESCALATION_STATUSES } from '../../domain/escalation.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const escalations = pgTable(
  'escalations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    category: text('category'),
    summary: text('summary').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: instant('raised_at').notNull(),
    level: integer('level').notNull(),
    status: text('status', { enum: ESCALATION_STATUSES }).notNull(),
    step: integer('step').notNull(),
    /** One entry per posting (raise, escalation, re-ping) with its acknowledgement: time to acknowledge per level. */
    history: text('history_json').notNull(),
    nextStepAt: instant('next_step_at'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: instant('acknowledged_at'),
    resolvedBy: text('resolved_by'),
    resolvedAt: instant('resolved_at'),
    resolution: text('resolution'),
    expiredAt: instant('expired_at'),
  },
  (t) => [index('escalations_team_status').on(t.teamId, t.status), index('escalations_release').on(t.releaseId)],
);

export const escalationMessages = pgTable(
  'escalation_messages',
  {
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    kind: text('kind', { enum: ['level', 'notice', 'reping'] }).notNull(),
    level: integer('level').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    postedAt: instant('posted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.step, t.kind] })],
);

export const escalationLevels = pgTable(
  'escalation_levels',
  {
    teamId: text('team_id').notNull(),
    level: integer('level').notNull(),
    channelId: text('channel_id').notNull(),
    pings: text('pings_json').notNull(),
    ackMs: milliseconds('ack_ms').notNull(),
    /** Quiet hours (`HH:MM-HH:MM`, `mon-fri`); null = the level's default. */
    hours: text('hours'),
    days: text('days'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.level] })],
);

export const escalationAlerts = pgTable(
  'escalation_alerts',
  {
    escalationId: integer('escalation_id')
      .primaryKey()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    dedupKey: text('dedup_key'),
    sourceUrl: text('source_url'),
    fired: integer('fired').notNull(),
    lastFiredAt: instant('last_fired_at').notNull(),
  },
  (t) => [index('escalation_alerts_dedup').on(t.releaseId, t.dedupKey)],
);

/** A release's own levels, set by its Release Manager; they win over the workspace's for that release only. */
export const escalationReleaseLevels = pgTable(
  'escalation_overrides',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    level: integer('level').notNull(),
    channelId: text('channel_id').notNull(),
    pings: text('pings_json').notNull(),
    ackMs: milliseconds('ack_ms').notNull(),
    hours: text('hours'),
    days: text('days'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.level] })],
);
