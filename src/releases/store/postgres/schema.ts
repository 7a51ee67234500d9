import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { RELEASE_STATUSES } from '../../../core/domain/release.ts';
import { ROLES } from '../../../core/domain/roles.ts';
import { instant } from '../../../platform/store/postgres/columns.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const releases = pgTable(
  'releases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    shippedAt: instant('shipped_at'),
    endedAt: instant('ended_at'),
  },
  (t) => [
    uniqueIndex('releases_team_name_key').on(t.teamId, t.nameKey),
    uniqueIndex('releases_one_active_per_channel')
      .on(t.teamId, t.channelId)
      .where(sql`status in ('planning', 'approved', 'shipped')`),
    index('releases_team_status').on(t.teamId, t.status),
  ],
);

export const releaseRoles = pgTable(
  'release_roles',
  {
    /**
     * SQLite gives every row a hidden `rowid`, and the SQLite store orders a release's roles by it (the order they
     * were named in). PostgreSQL has no such column, so it is spelled out; the domain never sees it.
     */
    rowid: bigint('rowid', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    userId: text('user_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: instant('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.role, t.userId] }), index('release_roles_user').on(t.userId)],
);

export const releaseReschedules = pgTable(
  'release_reschedules',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    targetBefore: text('target_before').notNull(),
    windowStartBefore: text('window_start_before'),
    windowEndBefore: text('window_end_before'),
    targetAfter: text('target_after').notNull(),
    windowStartAfter: text('window_start_after'),
    windowEndAfter: text('window_end_after'),
    reason: text('reason').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: instant('changed_at').notNull(),
  },
  (t) => [index('release_reschedules_release').on(t.releaseId, t.id)],
);

/** A role holder's absences and delegates, kept as history (see `../schema.ts`). */
export const absences = pgTable(
  'absences',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    fromDate: text('from_date'),
    untilDate: text('until_date').notNull(),
    delegateId: text('delegate_id'),
    mayDecide: integer('may_decide').notNull().default(0),
    setAt: instant('set_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.userId, t.setAt] })],
);

export const homeViewers = pgTable(
  'home_viewers',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    shown: text('shown').notNull(),
    publishedAt: instant('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);
