/** Every Slack identifier the bot emits and listens for, in one place so views and listeners cannot drift apart. */
export const COMMAND = '/release';

export const ACTION_IDS = {
  escalationAcknowledge: 'escalation_acknowledge',
  escalationEscalate: 'escalation_escalate',
  escalationResolve: 'escalation_resolve',
  checklistTick: 'checklist_tick',
  checklistUntick: 'checklist_untick',
  handoffSignOff: 'handoff_sign_off',
  handoffConfirm: 'handoff_confirm',
  scopeAgree: 'scope_agree',
  pollVoteGo: 'poll_vote_go',
  pollVoteConditions: 'poll_vote_conditions',
  pollVoteNoGo: 'poll_vote_no_go',
  pollDecideGo: 'poll_decide_go',
  pollDecideNoGo: 'poll_decide_no_go',
  standupAnswer: 'standup_answer',
  /** On a standup prompt: "Away today" (`/release away` for the day); the value is the standup's id. */
  standupAway: 'standup_away',
  /** App Home, for the RM: opens the standup schedule form; the value is the release id. */
  standupConfigure: 'standup_configure',
  /** App Home, for the RM: opens a go/no-go poll in the release channel; the value is the release id. */
  pollOpenGoNoGo: 'poll_open_go_no_go',
  /** App Home, for the RM: the release's record by direct message (`/release export`); the value is the release id. */
  recordExport: 'record_export',
  /** On a standup summary's blocker or "not ready"; the value is the standup answer's id. */
  standupEscalate: 'standup_escalate',
  riskUpdate: 'risk_update',
  riskStillValid: 'risk_still_valid',
  riskMitigated: 'risk_mitigated',
  weeklyNote: 'weekly_note',
  retroAnswer: 'retro_answer',
  /** The Release Manager stands by a stale Go; the value is `{"r":<release id>,"s":1|0}` (ship right after, or not). */
  gateConfirmGo: 'gate_confirm_go',
  /** Opens a new go/no-go poll on a release whose Go went stale; the value is the release id. */
  gateReopenPoll: 'gate_reopen_poll',
  /** On a failed production deployment a pipeline reported (src/api); the value is the release id. */
  pipelineOpenRollback: 'pipeline_open_rollback',
  /** On the "release created" message: opens the roles form (`/release roles`); the value is the release id. */
  rolesOpen: 'roles_open',
} as const;

export const CALLBACK_IDS = {
  createRelease: 'create_release',
  /** `/release roles`: one user picker per role. */
  assignRoles: 'assign_roles',
  raiseEscalation: 'raise_escalation',
  resolveEscalation: 'resolve_escalation',
  configureEscalation: 'configure_escalation',
  checklistEvidence: 'checklist_evidence',
  pollVoteNote: 'poll_vote_note',
  pollDecide: 'poll_decide',
  standupAnswer: 'standup_answer',
  standupConfig: 'standup_config',
  riskAdd: 'risk_add',
  riskUpdate: 'risk_update',
  weeklyNote: 'weekly_note',
  retroAnswer: 'retro_answer',
} as const;

export const BLOCK_IDS = {
  releaseName: 'release_name',
  targetDate: 'target_date',
  windowStart: 'window_start',
  windowEnd: 'window_end',
  timeZone: 'time_zone',
  escalationActions: 'escalation_actions',
  escalationCategory: 'escalation_category',
  escalationLevel: 'escalation_level',
  escalationSummary: 'escalation_summary',
  escalationResolution: 'escalation_resolution',
  escalationScope: 'escalation_scope',
  escalationChannel: 'escalation_channel',
  escalationPings: 'escalation_pings',
  escalationAck: 'escalation_ack',
  escalationHours: 'escalation_hours',
  escalationDays: 'escalation_days',
  evidenceUrl: 'evidence_url',
  /** Per voting role: `poll_role:<role>` (section) and `poll_vote:<role>` (its buttons). */
  pollRolePrefix: 'poll_role:',
  pollVotePrefix: 'poll_vote:',
  pollDecide: 'poll_decide',
  pollNote: 'poll_note',
  pollRationale: 'poll_rationale',
  /** The Decide Go form's checklist override reason (Go with items open). */
  pollOverride: 'poll_override',
  riskTitle: 'risk_title',
  riskSeverity: 'risk_severity',
  riskLikelihood: 'risk_likelihood',
  riskOwner: 'risk_owner',
  riskMitigation: 'risk_mitigation',
  riskDue: 'risk_due',
  weeklyNote: 'weekly_note',
  retroWell: 'retro_well',
  retroBadly: 'retro_badly',
  retroLessons: 'retro_lessons',
  retroDebt: 'retro_debt',
  gateActions: 'gate_actions',
} as const;

/** A standup modal's input block for one role's question: `standup:<role>:<key>`. */
export function standupBlockId(role: string, key: string): string {
  return `standup:${role}:${key}`;
}

/** The roles form's picker for one role: `role_pick:<role>`. */
export function rolePickerBlockId(role: string): string {
  return `role_pick:${role}`;
}

/** A retrospective modal's input block for another module's item: `retro_item:<key>`. */
export function retroItemBlockId(key: string): string {
  return `retro_item:${key}`;
}

/** In input blocks the element's action_id; one per block, so the block id names the field. */
export const INPUT_ACTION_ID = 'value';

export const EVENTS = {
  appHomeOpened: 'app_home_opened',
} as const;
