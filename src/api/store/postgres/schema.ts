import { index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from '../../../platform/store/postgres/columns.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { DEPLOYMENT_OUTCOMES, DEPLOYMENT_STATUSES } from '../../domain/deployments.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    name: text('name').notNull(),
    hash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    lastUsedAt: instant('last_used_at'),
    revokedBy: text('revoked_by'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.hash), index('api_tokens_channel').on(t.teamId, t.channelId)],
);

export const apiRateWindows = pgTable('api_rate_windows', {
  tokenId: integer('token_id')
    .primaryKey()
    .references(() => apiTokens.id, { onDelete: 'cascade' }),
  startedAt: instant('started_at').notNull(),
  count: integer('count').notNull(),
});

export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: instant('created_at').notNull(),
    status: integer('status'),
    body: text('body'),
    contentType: text('content_type'),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index('api_idempotency_created').on(t.createdAt)],
);

export const apiDeployments = pgTable(
  'api_deployments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    environment: text('environment').notNull(),
    status: text('status', { enum: DEPLOYMENT_STATUSES }).notNull(),
    version: text('version'),
    url: text('url'),
    reportedBy: text('reported_by').notNull(),
    at: instant('at').notNull(),
    outcome: text('outcome', { enum: DEPLOYMENT_OUTCOMES }).notNull(),
    blockedBy: text('blocked_by_json'),
  },
  (t) => [index('api_deployments_release').on(t.releaseId, t.id)],
);
