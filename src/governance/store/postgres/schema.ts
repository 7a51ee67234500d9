import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../core/domain/roles.ts';
import { instant } from '../../../platform/store/postgres/columns.ts';
import { releases } from '../../../releases/store/postgres/schema.ts';
import { PROPOSAL_STATUSES } from '../../domain/authority.ts';
import { DECISION_KINDS } from '../../domain/decision.ts';

/** The tables of `../schema.ts` for PostgreSQL: the same names, columns, keys and indexes. */
export const decisions = pgTable(
  'decisions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    kind: text('kind', { enum: DECISION_KINDS }).notNull(),
    area: text('area'),
    outcome: text('outcome').notNull(),
    rationale: text('rationale'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: instant('decided_at').notNull(),
    details: text('details_json').notNull(),
  },
  (t) => [index('decisions_release').on(t.releaseId, t.decidedAt), index('decisions_team').on(t.teamId, t.decidedAt)],
);

export const checklistItems = pgTable(
  'checklist_items',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    owner: text('owner', { enum: ROLES }).notNull(),
    position: integer('position').notNull(),
    tickedBy: text('ticked_by'),
    tickedAt: instant('ticked_at'),
    evidenceUrl: text('evidence_url'),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.key] })],
);

export const checklistTicks = pgTable(
  'checklist_ticks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    action: text('action', { enum: ['tick', 'untick'] }).notNull(),
    actorId: text('actor_id').notNull(),
    at: instant('at').notNull(),
    evidenceUrl: text('evidence_url'),
  },
  (t) => [index('checklist_ticks_release').on(t.releaseId, t.id)],
);

export const handoffs = pgTable(
  'handoffs',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    signedOffBy: text('signed_off_by'),
    signedOffAt: instant('signed_off_at'),
    confirmedBy: text('confirmed_by'),
    confirmedAt: instant('confirmed_at'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.key] })],
);

export const authorityConflicts = pgTable(
  'authority_conflicts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    perspectiveA: text('perspective_a').notNull(),
    perspectiveB: text('perspective_b').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
    resolvedByDecisionId: integer('resolved_by_decision_id').references(() => decisions.id),
  },
  (t) => [index('authority_conflicts_release').on(t.releaseId, t.area)],
);

export const authorityProposals = pgTable(
  'authority_proposals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    decision: text('decision').notNull(),
    rationale: text('rationale'),
    proposedBy: text('proposed_by').notNull(),
    proposerRole: text('proposer_role', { enum: ROLES }).notNull(),
    proposedAt: instant('proposed_at').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [index('authority_proposals_release').on(t.releaseId, t.area, t.status)],
);
