import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from '../../platform/store/columns.ts';
import { releases } from '../../releases/store/schema.ts';
import { DEPLOYMENT_OUTCOMES, DEPLOYMENT_STATUSES } from '../domain/deployments.ts';

/** API tokens: only the secret's SHA-256 is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    name: text('name').notNull(),
    hash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    revokedBy: text('revoked_by'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.hash), index('api_tokens_channel').on(t.teamId, t.channelId)],
);

/** Each token's current rate-limit window, shared by every replica. */
export const apiRateWindows = sqliteTable('api_rate_windows', {
  tokenId: integer('token_id')
    .primaryKey()
    .references(() => apiTokens.id, { onDelete: 'cascade' }),
  startedAt: timestamp('started_at').notNull(),
  count: integer('count').notNull(),
});

/** `Idempotency-Key`s and the first answer given for each, kept a day. */
export const apiIdempotency = sqliteTable(
  'api_idempotency',
  {
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: timestamp('created_at').notNull(),
    status: integer('status'),
    body: text('body'),
    contentType: text('content_type'),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index('api_idempotency_created').on(t.createdAt)],
);

/** Every deployment a pipeline reported, with its time and what it did. */
export const apiDeployments = sqliteTable(
  'api_deployments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    environment: text('environment').notNull(),
    status: text('status', { enum: DEPLOYMENT_STATUSES }).notNull(),
    version: text('version'),
    url: text('url'),
    reportedBy: text('reported_by').notNull(),
    at: timestamp('at').notNull(),
    outcome: text('outcome', { enum: DEPLOYMENT_OUTCOMES }).notNull(),
    blockedBy: text('blocked_by_json'),
  },
  (t) => [index('api_deployments_release').on(t.releaseId, t.id)],
);
