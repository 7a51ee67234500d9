import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../core/domain/roles.ts';
import { instant } from '../../../platform/store/postgres/columns.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { DECISION_SIDES, POLL_ACTIVITIES, POLL_STATUSES, VOTE_VALUES } from '../../domain/go-no-go.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const polls = pgTable(
  'polls',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    activity: text('activity', { enum: POLL_ACTIVITIES }).notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    status: text('status', { enum: POLL_STATUSES }).notNull(),
    deadlineAt: instant('deadline_at'),
    /** Incremented on every change, so a render can tell which state it shows. */
    version: integer('version').notNull().default(1),
    openedBy: text('opened_by').notNull(),
    openedAt: instant('opened_at').notNull(),
    remindedAt: instant('reminded_at'),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    decision: text('decision', { enum: DECISION_SIDES }),
    rationale: text('rationale'),
  },
  (t) => [
    uniqueIndex('polls_one_open_per_activity').on(t.releaseId, t.activity).where(sql`status = 'open'`),
    index('polls_release').on(t.releaseId, t.id),
  ],
);

/** Append-only: every vote and change of vote; a role's current vote is its latest row. */
export const pollVotes = pgTable(
  'poll_votes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    pollId: integer('poll_id')
      .notNull()
      .references(() => polls.id),
    role: text('role', { enum: ROLES }).notNull(),
    voterId: text('voter_id').notNull(),
    /** Set when a delegate voted for an absent holder (`/release away delegate:`): the holder. */
    onBehalfOf: text('on_behalf_of'),
    value: text('value', { enum: VOTE_VALUES }).notNull(),
    note: text('note'),
    at: instant('at').notNull(),
  },
  (t) => [
    index('poll_votes_poll').on(t.pollId, t.id),
    // A role's latest vote (every click reads one per voting role) is one seek, however many votes came before.
    index('poll_votes_role').on(t.pollId, t.role, t.id),
  ],
);
