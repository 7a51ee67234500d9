import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from '../../../platform/store/postgres/columns.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const githubLinks = pgTable(
  'github_links',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    repo: text('repo').notNull(),
    environment: text('environment').notNull(),
    branch: text('branch'),
    checks: text('checks_json').notNull(),
    milestone: text('milestone'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('github_links_repo').on(t.repo), index('github_links_channel').on(t.teamId, t.channelId)],
);

export const githubVersions = pgTable(
  'github_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    repo: text('repo').notNull(),
    tag: text('tag').notNull(),
    url: text('url'),
    at: instant('at').notNull(),
  },
  (t) => [uniqueIndex('github_versions_release_tag').on(t.releaseId, t.repo, t.tag)],
);
