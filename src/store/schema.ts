import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DECISION_KINDS } from '../domain/decision.ts';
import { DECISION_SIDES, POLL_ACTIVITIES, POLL_STATUSES, VOTE_VALUES } from '../domain/go-no-go.ts';
import { RELEASE_STATUSES } from '../domain/release.ts';
import { ROLES } from '../domain/roles.ts';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const releases = sqliteTable(
  'releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    name: text('name').notNull(),
    /** Lower-cased name: names are unique per workspace regardless of case. */
    nameKey: text('name_key').notNull(),
    targetDate: text('target_date').notNull(),
    windowStart: text('window_start'),
    windowEnd: text('window_end'),
    timeZone: text('time_zone').notNull(),
    status: text('status', { enum: RELEASE_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    shippedAt: timestamp('shipped_at'),
    endedAt: timestamp('ended_at'),
  },
  (t) => [
    uniqueIndex('releases_team_name_key').on(t.teamId, t.nameKey),
    uniqueIndex('releases_one_active_per_channel')
      .on(t.teamId, t.channelId)
      .where(sql`status in ('planning', 'approved', 'shipped')`),
    index('releases_team_status').on(t.teamId, t.status),
  ],
);

export const releaseRoles = sqliteTable(
  'release_roles',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    userId: text('user_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.role, t.userId] }), index('release_roles_user').on(t.userId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id').references(() => releases.id),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    before: text('before_json'),
    after: text('after_json'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('audit_log_release').on(t.releaseId, t.id)],
);

export const TIMER_STATUSES = ['pending', 'running', 'done', 'cancelled', 'failed'] as const;

export const timers = sqliteTable(
  'timers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    releaseId: integer('release_id').references(() => releases.id),
    dueAt: timestamp('due_at').notNull(),
    payload: text('payload_json').notNull(),
    status: text('status', { enum: TIMER_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at'),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('timers_key').on(t.key), index('timers_due').on(t.status, t.dueAt)],
);

export const decisions = sqliteTable(
  'decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    kind: text('kind', { enum: DECISION_KINDS }).notNull(),
    area: text('area'),
    outcome: text('outcome').notNull(),
    rationale: text('rationale'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at').notNull(),
    details: text('details_json').notNull(),
  },
  (t) => [index('decisions_release').on(t.releaseId, t.decidedAt), index('decisions_team').on(t.teamId, t.decidedAt)],
);

export const polls = sqliteTable(
  'polls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    activity: text('activity', { enum: POLL_ACTIVITIES }).notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    status: text('status', { enum: POLL_STATUSES }).notNull(),
    deadlineAt: timestamp('deadline_at'),
    /** Incremented on every change, so a render can tell which state it shows. */
    version: integer('version').notNull().default(1),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at').notNull(),
    remindedAt: timestamp('reminded_at'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at'),
    decision: text('decision', { enum: DECISION_SIDES }),
    rationale: text('rationale'),
  },
  (t) => [
    uniqueIndex('polls_one_open_per_activity').on(t.releaseId, t.activity).where(sql`status = 'open'`),
    index('polls_release').on(t.releaseId, t.id),
  ],
);

/** Append-only: every vote and change of vote; a role's current vote is its latest row. */
export const pollVotes = sqliteTable(
  'poll_votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pollId: integer('poll_id')
      .notNull()
      .references(() => polls.id),
    role: text('role', { enum: ROLES }).notNull(),
    voterId: text('voter_id').notNull(),
    value: text('value', { enum: VOTE_VALUES }).notNull(),
    note: text('note'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('poll_votes_poll').on(t.pollId, t.id)],
);
