import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from '../../platform/store/columns.ts';
import { releases } from '../../releases/store/schema.ts';

/** A repository linked to a channel's releases: one channel per repository (`repo` is `owner/name`, lower case). */
export const githubLinks = sqliteTable(
  'github_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    repo: text('repo').notNull(),
    environment: text('environment').notNull(),
    branch: text('branch'),
    /** `[{"workflow":"CI","item":"tests_passing"}]` */
    checks: text('checks_json').notNull(),
    milestone: text('milestone'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('github_links_repo').on(t.repo), index('github_links_channel').on(t.teamId, t.channelId)],
);

/** The tags GitHub published for a release (`release` `published`): its version, as GitHub names it. */
export const githubVersions = sqliteTable(
  'github_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    repo: text('repo').notNull(),
    tag: text('tag').notNull(),
    url: text('url'),
    at: timestamp('at').notNull(),
  },
  (t) => [uniqueIndex('github_versions_release_tag').on(t.releaseId, t.repo, t.tag)],
);
