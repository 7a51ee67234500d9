import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { releases } from '../../releases/store/schema.ts';
import { timestamp } from './columns.ts';

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

/** Deliveries already handled (request signatures, block actions, view submissions): one row per key, expiring. */
export const slackDeliveries = sqliteTable(
  'slack_deliveries',
  {
    key: text('key').primaryKey(),
    claimedAt: timestamp('claimed_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('slack_deliveries_expiry').on(t.expiresAt)],
);

/** The modals the bot opened, with who they are for and the context they carry. */
export const slackViews = sqliteTable(
  'slack_views',
  {
    viewId: text('view_id').primaryKey(),
    callbackId: text('callback_id').notNull(),
    userId: text('user_id').notNull(),
    privateMetadata: text('private_metadata').notNull(),
    openedAt: timestamp('opened_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('slack_views_expiry').on(t.expiresAt)],
);

/**
 * Posts the bot makes once (`PostIntentStore`): recorded before posting, claimed by one try at a time, and the
 * message's ts once known. `search_from` bounds the look-up for a message an earlier try may have posted.
 */
export const postIntents = sqliteTable(
  'post_intents',
  {
    key: text('key').primaryKey(),
    channelId: text('channel_id').notNull(),
    threadTs: text('thread_ts'),
    searchFrom: timestamp('search_from').notNull(),
    createdAt: timestamp('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
    postedChannelId: text('posted_channel_id'),
    postedTs: text('posted_ts'),
    postedAt: timestamp('posted_at'),
  },
  (t) => [index('post_intents_created').on(t.createdAt)],
);

/** Shared messages rendered by one process at a time (`RenderLeaseStore`): versions asked for and shown, the lease. */
export const messageRenders = sqliteTable('message_renders', {
  key: text('key').primaryKey(),
  requested: integer('requested').notNull().default(0),
  rendered: integer('rendered').notNull().default(0),
  digest: text('digest'),
  holder: text('holder'),
  leaseUntil: timestamp('lease_until'),
});
