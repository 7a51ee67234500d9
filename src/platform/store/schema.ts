import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { RISK_STATUSES } from '../../cadence/domain/risk.ts';
import { RELEASE_STATUSES } from '../../core/domain/release.ts';
import { ROLES } from '../../core/domain/roles.ts';
import { ESCALATION_STATUSES } from '../../escalation/domain/escalation.ts';
import { PROPOSAL_STATUSES } from '../../governance/domain/authority.ts';
import { DECISION_KINDS } from '../../governance/domain/decision.ts';
import { DECISION_SIDES, POLL_ACTIVITIES, POLL_STATUSES, VOTE_VALUES } from '../../polls/domain/go-no-go.ts';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

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

export const decisions = sqliteTable(
  'decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    kind: text('kind', { enum: DECISION_KINDS }).notNull(),
    area: text('area'),
    outcome: text('outcome').notNull(),
    rationale: text('rationale'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at').notNull(),
    details: text('details_json').notNull(),
  },
  (t) => [index('decisions_release').on(t.releaseId, t.decidedAt), index('decisions_team').on(t.teamId, t.decidedAt)],
);

export const escalations = sqliteTable(
  'escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    category: text('category'),
    summary: text('summary').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at').notNull(),
    level: integer('level').notNull(),
    status: text('status', { enum: ESCALATION_STATUSES }).notNull(),
    step: integer('step').notNull(),
    /** One entry per posting (raise, escalation, re-ping) with its acknowledgement: time to acknowledge per level. */
    history: text('history_json').notNull(),
    nextStepAt: timestamp('next_step_at'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at'),
    resolution: text('resolution'),
    expiredAt: timestamp('expired_at'),
  },
  (t) => [index('escalations_team_status').on(t.teamId, t.status), index('escalations_release').on(t.releaseId)],
);

export const escalationMessages = sqliteTable(
  'escalation_messages',
  {
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    kind: text('kind', { enum: ['level', 'notice'] }).notNull(),
    level: integer('level').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    postedAt: timestamp('posted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.step, t.kind] })],
);

export const escalationLevels = sqliteTable(
  'escalation_levels',
  {
    teamId: text('team_id').notNull(),
    level: integer('level').notNull(),
    channelId: text('channel_id').notNull(),
    pings: text('pings_json').notNull(),
    ackMs: integer('ack_ms').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.level] })],
);

// ── Release governance (issue 6): checklist, handoffs, authority conflicts and joint proposals ──

export const checklistItems = sqliteTable(
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
    tickedAt: timestamp('ticked_at'),
    evidenceUrl: text('evidence_url'),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.key] })],
);

export const checklistTicks = sqliteTable(
  'checklist_ticks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    action: text('action', { enum: ['tick', 'untick'] }).notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at').notNull(),
    evidenceUrl: text('evidence_url'),
  },
  (t) => [index('checklist_ticks_release').on(t.releaseId, t.id)],
);

export const handoffs = sqliteTable(
  'handoffs',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    signedOffBy: text('signed_off_by'),
    signedOffAt: timestamp('signed_off_at'),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamp('confirmed_at'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.key] })],
);

export const authorityConflicts = sqliteTable(
  'authority_conflicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    perspectiveA: text('perspective_a').notNull(),
    perspectiveB: text('perspective_b').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at').notNull(),
    resolvedByDecisionId: integer('resolved_by_decision_id').references(() => decisions.id),
  },
  (t) => [index('authority_conflicts_release').on(t.releaseId, t.area)],
);

export const authorityProposals = sqliteTable(
  'authority_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    decision: text('decision').notNull(),
    rationale: text('rationale'),
    proposedBy: text('proposed_by').notNull(),
    proposerRole: text('proposer_role', { enum: ROLES }).notNull(),
    proposedAt: timestamp('proposed_at').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at'),
  },
  (t) => [index('authority_proposals_release').on(t.releaseId, t.area, t.status)],
);

// ── Go/no-go and rollback polls (issue 3) ──

export const polls = sqliteTable(
  'polls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    activity: text('activity', { enum: POLL_ACTIVITIES }).notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    status: text('status', { enum: POLL_STATUSES }).notNull(),
    deadlineAt: timestamp('deadline_at'),
    /** Incremented on every change, so a render can tell which state it shows. */
    version: integer('version').notNull().default(1),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at').notNull(),
    remindedAt: timestamp('reminded_at'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at'),
    decision: text('decision', { enum: DECISION_SIDES }),
    rationale: text('rationale'),
  },
  (t) => [
    uniqueIndex('polls_one_open_per_activity').on(t.releaseId, t.activity).where(sql`status = 'open'`),
    index('polls_release').on(t.releaseId, t.id),
  ],
);

/** Append-only: every vote and change of vote; a role's current vote is its latest row. */
export const pollVotes = sqliteTable(
  'poll_votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pollId: integer('poll_id')
      .notNull()
      .references(() => polls.id),
    role: text('role', { enum: ROLES }).notNull(),
    voterId: text('voter_id').notNull(),
    value: text('value', { enum: VOTE_VALUES }).notNull(),
    note: text('note'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('poll_votes_poll').on(t.pollId, t.id)],
);

// ── Cadence: standups, risks, the schedule (issue 4) ──────────────────────────────────────────────────────────────

/** A release's cadence settings; a release without a row uses the defaults. */
export const cadenceConfigs = sqliteTable('cadence_configs', {
  releaseId: integer('release_id')
    .primaryKey()
    .references(() => releases.id, { onDelete: 'cascade' }),
  standupTime: integer('standup_time').notNull(),
  workingDays: text('working_days').notNull(),
  reminderAfterMs: integer('reminder_after_ms').notNull(),
  cutoffAfterMs: integer('cutoff_after_ms').notNull(),
  holidays: text('holidays_json').notNull(),
  riskDay: integer('risk_day').notNull(),
  riskTime: integer('risk_time').notNull(),
  riskCollectMs: integer('risk_collect_ms').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const OCCURRENCE_STATUSES = ['claimed', 'done', 'missed', 'failed'] as const;

/** Every scheduled run, claimed before it runs: the unique (release, job, slot) makes it happen at most once. */
export const occurrences = sqliteTable(
  'occurrences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    dueAt: timestamp('due_at').notNull(),
    status: text('status', { enum: OCCURRENCE_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at').notNull(),
    finishedAt: timestamp('finished_at'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('occurrences_release_job_slot').on(t.releaseId, t.job, t.slot),
    index('occurrences_status').on(t.releaseId, t.status),
  ],
);

/** One standup per release and day: its prompt message and what happened to it. */
export const standups = sqliteTable(
  'standups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    promptedAt: timestamp('prompted_at').notNull(),
    remindedAt: timestamp('reminded_at'),
    summaryTs: text('summary_ts'),
    summarizedAt: timestamp('summarized_at'),
  },
  (t) => [uniqueIndex('standups_release_slot').on(t.releaseId, t.slot)],
);

/** A person's answer to one standup, for all the roles they hold; edited in place the same day. */
export const standupAnswers = sqliteTable(
  'standup_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    standupId: integer('standup_id')
      .notNull()
      .references(() => standups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answers: text('answers_json').notNull(),
    replyTs: text('reply_ts'),
    answeredAt: timestamp('answered_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('standup_answers_person').on(t.standupId, t.userId)],
);

export const risks = sqliteTable(
  'risks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    severity: integer('severity').notNull(),
    likelihood: integer('likelihood').notNull(),
    ownerId: text('owner_id'),
    mitigation: text('mitigation'),
    dueDate: text('due_date'),
    status: text('status', { enum: RISK_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    reviewedAt: timestamp('reviewed_at'),
    closedAt: timestamp('closed_at'),
  },
  (t) => [index('risks_release').on(t.releaseId, t.status)],
);

/** Append-only: every change to a risk, who made it and when. */
export const riskHistory = sqliteTable(
  'risk_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    change: text('change').notNull(),
    before: text('before_json'),
    after: text('after_json'),
    note: text('note'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('risk_history_risk').on(t.riskId, t.id)],
);

/** The register as the weekly report saw it, for next week's trend. */
export const riskSnapshots = sqliteTable(
  'risk_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    takenAt: timestamp('taken_at').notNull(),
    openCount: integer('open_count').notNull(),
    totalScore: integer('total_score').notNull(),
    highCount: integer('high_count').notNull(),
    messageTs: text('message_ts'),
  },
  (t) => [index('risk_snapshots_release').on(t.releaseId, t.takenAt)],
);

/** Notes asked for by the weekly review (the RM's progress note, the PO's feature status). */
export const weeklyNotes = sqliteTable(
  'weekly_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [uniqueIndex('weekly_notes_one').on(t.releaseId, t.slot, t.userId, t.kind)],
);

/** The retrospective after a release ends: its prompt and every answer. */
export const retrospectives = sqliteTable('retrospectives', {
  releaseId: integer('release_id')
    .primaryKey()
    .references(() => releases.id, { onDelete: 'cascade' }),
  channelId: text('channel_id').notNull(),
  messageTs: text('message_ts'),
  promptedAt: timestamp('prompted_at').notNull(),
  closesAt: timestamp('closes_at').notNull(),
  summaryTs: text('summary_ts'),
});

export const retroAnswers = sqliteTable(
  'retro_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answers: text('answers_json').notNull(),
    replyTs: text('reply_ts'),
    at: timestamp('at').notNull(),
  },
  (t) => [uniqueIndex('retro_answers_person').on(t.releaseId, t.userId)],
);
