import type { Activity } from '../../core/domain/raci.ts';
import type { Role } from '../../core/domain/roles.ts';

/**
 * "Release Responsibilities" → Decision Authority, as data: each area, the role with final authority over it, and
 * the RACI activity whose Informed roles are told when a decision is made there. Release scope is decided by the
 * Product Owner together with the Release Manager: either may propose, the other must agree (`jointly`).
 */
export const AUTHORITY_AREAS = [
  { key: 'schedule', label: 'Release schedule adjustments', decider: 'rm', activity: 'release_planning' },
  { key: 'scope_change', label: 'Scope changes during release', decider: 'rm', activity: 'release_planning' },
  {
    key: 'external_comms',
    label: 'Communication to external stakeholders',
    decider: 'rm',
    activity: 'release_planning',
  },
  { key: 'process', label: 'Post-release process improvements', decider: 'rm', activity: 'post_release_review' },
  {
    key: 'architecture',
    label: 'Technical architecture decisions',
    decider: 'tech_lead',
    activity: 'technical_design',
  },
  { key: 'tech_stack', label: 'Technology stack choices', decider: 'tech_lead', activity: 'technical_design' },
  { key: 'performance', label: 'Performance requirements', decider: 'tech_lead', activity: 'technical_design' },
  { key: 'security', label: 'Security implementation approaches', decider: 'tech_lead', activity: 'technical_design' },
  { key: 'test_approach', label: 'Test approach and coverage', decider: 'qa_lead', activity: 'test_planning' },
  { key: 'quality_gates', label: 'Quality gate criteria', decider: 'qa_lead', activity: 'test_planning' },
  { key: 'test_environments', label: 'Test environment requirements', decider: 'qa_lead', activity: 'test_planning' },
  { key: 'bug_severity', label: 'Bug severity classification', decider: 'qa_lead', activity: 'test_planning' },
  { key: 'deployment_method', label: 'Deployment methodology', decider: 'devops', activity: 'deployment' },
  { key: 'infrastructure', label: 'Infrastructure configuration', decider: 'devops', activity: 'deployment' },
  { key: 'monitoring', label: 'Monitoring and alerting setup', decider: 'devops', activity: 'deployment' },
  { key: 'backup_recovery', label: 'Backup and recovery procedures', decider: 'devops', activity: 'deployment' },
  {
    key: 'feature_priority',
    label: 'Feature prioritization',
    decider: 'product_owner',
    activity: 'release_planning',
  },
  {
    key: 'acceptance_criteria',
    label: 'Business acceptance criteria',
    decider: 'product_owner',
    activity: 'release_planning',
  },
  { key: 'ux', label: 'User experience requirements', decider: 'product_owner', activity: 'release_planning' },
  {
    key: 'scope',
    label: 'Release scope (Product Owner with the Release Manager)',
    decider: 'product_owner',
    jointly: 'rm',
    activity: 'release_planning',
  },
] as const satisfies ReadonlyArray<{ key: string; label: string; decider: Role; jointly?: Role; activity: Activity }>;

export type AuthorityArea = (typeof AUTHORITY_AREAS)[number];
export type AuthorityAreaKey = AuthorityArea['key'];

/** The decision area the Go-with-open-items override is recorded under (kind `authority`, decided by the RM). */
export const CHECKLIST_OVERRIDE_AREA = 'checklist_override';

/** An emergency ship past the deployment gate (kind `authority`, decided by the RM, with the reason). */
export const GATE_OVERRIDE_AREA = 'gate_override';

/** The Release Manager standing by a Go after something changed since (kind `authority`; details name the Go). */
export const GO_RECONFIRMED_AREA = 'go_reconfirmed';

/** What people type: the key with dashes (`tech-stack`), plus a few common words. */
export function areaKeyword(area: { key: string }): string {
  return area.key.replaceAll('_', '-');
}

const AREA_ALIASES: Record<string, AuthorityAreaKey> = {
  timeline: 'schedule',
  'scope-changes': 'scope_change',
  comms: 'external_comms',
  communication: 'external_comms',
  stakeholders: 'external_comms',
  'process-improvements': 'process',
  stack: 'tech_stack',
  technology: 'tech_stack',
  perf: 'performance',
  testing: 'test_approach',
  coverage: 'test_approach',
  'quality-gate': 'quality_gates',
  'test-environment': 'test_environments',
  severity: 'bug_severity',
  deployment: 'deployment_method',
  deploy: 'deployment_method',
  infra: 'infrastructure',
  alerting: 'monitoring',
  backup: 'backup_recovery',
  recovery: 'backup_recovery',
  priority: 'feature_priority',
  priorities: 'feature_priority',
  acceptance: 'acceptance_criteria',
  'user-experience': 'ux',
  'release-scope': 'scope',
};

export function parseArea(input: string): AuthorityArea | undefined {
  const word = input.trim().toLowerCase().replaceAll('_', '-');
  const key = AUTHORITY_AREAS.find((a) => areaKeyword(a) === word)?.key ?? AREA_ALIASES[word];
  return AUTHORITY_AREAS.find((a) => a.key === key);
}

export function authorityArea(key: string): AuthorityArea | undefined {
  return AUTHORITY_AREAS.find((a) => a.key === key);
}

/** The roles whose holders may record in this area: the decider, and for a joint area, its partner too. */
export function decidingRoles(area: AuthorityArea): Role[] {
  return 'jointly' in area ? [area.decider, area.jointly] : [area.decider];
}

export type AuthorityCheck =
  | { ok: true; mode: 'decide' }
  | { ok: true; mode: 'propose'; partner: Role }
  | { ok: false; needs: Role[] };

/**
 * May someone holding `actorRoles` decide in `area`? A sole decider decides at once. In a joint area either partner
 * proposes and the other's agreement makes it a decision.
 */
export function decideAuthority(area: AuthorityArea, actorRoles: readonly Role[]): AuthorityCheck {
  const roles = decidingRoles(area);
  const mine = roles.find((role) => actorRoles.includes(role));
  if (!mine) return { ok: false, needs: roles };
  if (!('jointly' in area)) return { ok: true, mode: 'decide' };
  const partner = roles.find((role) => role !== mine) as Role;
  return { ok: true, mode: 'propose', partner };
}

/** Whether `actorRoles` can agree to a joint proposal made by someone in `proposerRole`. */
export function mayAgree(area: AuthorityArea, proposerRole: Role, actorRoles: readonly Role[]): boolean {
  return decidingRoles(area).some((role) => role !== proposerRole && actorRoles.includes(role));
}

export const MAX_DECISION_TEXT = 1500;

/** Two perspectives on an area, recorded before the decision (seed: "Document both perspectives clearly"). */
export type AuthorityConflict = {
  id: number;
  releaseId: number;
  area: string;
  perspectiveA: string;
  perspectiveB: string;
  recordedBy: string;
  recordedAt: Date;
  /** The decision that settled it; null while open. */
  resolvedByDecisionId: number | null;
};

export const PROPOSAL_STATUSES = ['open', 'agreed', 'superseded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A decision in a joint area waiting for the partner's agreement. */
export type AuthorityProposal = {
  id: number;
  releaseId: number;
  area: string;
  decision: string;
  rationale: string | null;
  proposedBy: string;
  proposerRole: Role;
  proposedAt: Date;
  status: ProposalStatus;
  resolvedBy: string | null;
  resolvedAt: Date | null;
};
