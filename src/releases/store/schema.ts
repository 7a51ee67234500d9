import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { RELEASE_STATUSES } from '../../core/domain/release.ts';
import { ROLES } from '../../core/domain/roles.ts';
import { timestamp } from '../../platform/store/columns.ts';

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

/** Every reschedule of a release: the dates before and after, who moved them and why. Append-only. */
export const releaseReschedules = sqliteTable(
  'release_reschedules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    changedAt: timestamp('changed_at').notNull(),
  },
  (t) => [index('release_reschedules_release').on(t.releaseId, t.id)],
);

/**
 * A role holder's absence (`/release away`): away from `from` through `until` (calendar dates in the release's zone,
 * inclusive), with an optional delegate who may act for their roles meanwhile; `may_decide` (0/1) lets the RM's
 * delegate decide. Absences are history: a new `away` or `away off` ends the current one by date (its `until` set to
 * the day before) rather than deleting it, so past standups keep their excuse. A null `from` is a row recorded before
 * start dates were kept. Keyed by person and when it was set: a person's absences never overlap.
 */
export const absences = sqliteTable(
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
    setAt: timestamp('set_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.userId, t.setAt] })],
);

/**
 * Who has opened their App Home (so that a change is worth publishing it again for), and which releases its last
 * published version showed (`shown`: a JSON array of release ids), so that a release's change also reaches the Homes
 * that showed it but no longer should (a role taken away, an escalation resolved).
 */
export const homeViewers = sqliteTable(
  'home_viewers',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    shown: text('shown').notNull(),
    publishedAt: timestamp('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);
