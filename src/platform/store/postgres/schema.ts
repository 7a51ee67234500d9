import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { TIMER_STATUSES } from '../schema.ts';
import { instant } from './columns.ts';

/**
 * The kernel's tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. JSON stays
 * `text`, as in SQLite: the stores parse it themselves, and the audit log keeps its keys in the order written.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id').references(() => releases.id),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    before: text('before_json'),
    after: text('after_json'),
    at: instant('at').notNull(),
  },
  (t) => [index('audit_log_release').on(t.releaseId, t.id)],
);

export const timers = pgTable(
  'timers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    releaseId: integer('release_id').references(() => releases.id),
    dueAt: instant('due_at').notNull(),
    payload: text('payload_json').notNull(),
    status: text('status', { enum: TIMER_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedAt: instant('claimed_at'),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('timers_key').on(t.key), index('timers_due').on(t.status, t.dueAt)],
);

export const slackDeliveries = pgTable(
  'slack_deliveries',
  {
    key: text('key').primaryKey(),
    claimedAt: instant('claimed_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('slack_deliveries_expiry').on(t.expiresAt)],
);

export const slackViews = pgTable(
  'slack_views',
  {
    viewId: text('view_id').primaryKey(),
    callbackId: text('callback_id').notNull(),
    userId: text('user_id').notNull(),
    privateMetadata: text('private_metadata').notNull(),
    openedAt: instant('opened_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('slack_views_expiry').on(t.expiresAt)],
);

export const postIntents = pgTable(
  'post_intents',
  {
    key: text('key').primaryKey(),
    channelId: text('channel_id').notNull(),
    threadTs: text('thread_ts'),
    searchFrom: instant('search_from').notNull(),
    createdAt: instant('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedUntil: instant('claimed_until'),
    postedChannelId: text('posted_channel_id'),
    postedTs: text('posted_ts'),
    postedAt: instant('posted_at'),
  },
  (t) => [index('post_intents_created').on(t.createdAt)],
);

export const messageRenders = pgTable('message_renders', {
  key: text('key').primaryKey(),
  requested: integer('requested').notNull().default(0),
  rendered: integer('rendered').notNull().default(0),
  digest: text('digest'),
  holder: text('holder'),
  leaseUntil: instant('lease_until'),
});
