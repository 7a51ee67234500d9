import type { Role } from '../../core/domain/roles.ts';

/**
 * The Release Manager's ten-item release checklist (seed "Release Manager Role"), each item owned by the role whose
 * responsibilities in "Release Responsibilities" cover it. Only the owner role ticks it. This table is
 * the one place the mapping lives; the README repeats it for people.
 */
export const CHECKLIST_ITEMS = [
  {
    key: 'prs_merged',
    label: 'All PRs merged and reviewed',
    owner: 'tech_lead',
    why: 'Tech Lead is Accountable for Code Review (RACI)',
  },
  { key: 'tests_passing', label: 'All tests passing', owner: 'qa_lead', why: 'QA Lead runs test plan execution' },
  { key: 'quality_gates', label: 'Quality gates passed', owner: 'qa_lead', why: 'QA Lead enforces quality gates' },
  {
    key: 'security_scans',
    label: 'Security scans clean',
    owner: 'tech_lead',
    why: 'Tech Lead has final authority on security implementation',
  },
  {
    key: 'docs_updated',
    label: 'Documentation updated',
    owner: 'tech_lead',
    why: 'Tech Lead documents the technical side (technical debt documentation)',
  },
  {
    key: 'release_notes',
    label: 'Release notes prepared',
    owner: 'product_owner',
    why: 'Product Owner approves release content and knows the features',
  },
  {
    key: 'rollback_plan',
    label: 'Rollback plan ready',
    owner: 'devops',
    why: 'DevOps verifies rollback capability',
  },
  {
    key: 'monitoring',
    label: 'Monitoring configured',
    owner: 'devops',
    why: 'DevOps sets up monitoring and alerting',
  },
  { key: 'team_notified', label: 'Team notified', owner: 'rm', why: 'Release Manager coordinates the release' },
  {
    key: 'stakeholders_informed',
    label: 'Stakeholders informed',
    owner: 'rm',
    why: 'Release Manager has final authority on communication to external stakeholders',
  },
] as const satisfies ReadonlyArray<{ key: string; label: string; owner: Role; why: string }>;

export type ChecklistKey = (typeof CHECKLIST_ITEMS)[number]['key'];
export const CHECKLIST_KEYS: readonly ChecklistKey[] = CHECKLIST_ITEMS.map((item) => item.key);

export function checklistDefinition(key: string): (typeof CHECKLIST_ITEMS)[number] | undefined {
  return CHECKLIST_ITEMS.find((item) => item.key === key);
}

/** One item of one release's checklist, as it stands now. */
export type ChecklistItem = {
  releaseId: number;
  key: string;
  label: string;
  owner: Role;
  position: number;
  tickedBy: string | null;
  tickedAt: Date | null;
  evidenceUrl: string | null;
};

/** One tick or untick, kept forever so the history shows who ticked what and when. */
export type ChecklistTick = {
  id: number;
  releaseId: number;
  key: string;
  action: 'tick' | 'untick';
  actorId: string;
  at: Date;
  evidenceUrl: string | null;
};

export function isTicked(item: Pick<ChecklistItem, 'tickedAt'>): boolean {
  return item.tickedAt !== null;
}

/**
 * Who may tick an item: only the holders of its owner role. Quality gates belong to QA (seed: the QA Lead has final
 * authority on quality gate criteria), and each other owner answers for its own items; the Release Manager ticks the
 * two items the RM owns and may *override* the others with a reason (recorded as an override, never as a tick).
 */
export function mayTick(item: Pick<ChecklistItem, 'owner'>, actorRoles: readonly Role[]): boolean {
  return actorRoles.includes(item.owner);
}

/**
 * Who may untick: the owner role, or the Release Manager. Unticking only ever makes the gate stricter, and the RM's
 * own duties include "verify all tests passed": an RM who learns that a tick no longer holds takes it back.
 */
export function mayUntick(item: Pick<ChecklistItem, 'owner'>, actorRoles: readonly Role[]): boolean {
  return actorRoles.includes('rm') || actorRoles.includes(item.owner);
}

/**
 * A recorded override: the Release Manager accepted these items open, with a reason. `afterTickId` is the newest
 * tick or untick at the time (null for overrides recorded before it was kept), so "unticked after the override" is
 * decided by the order of the history, not by comparing clock readings.
 */
export type ItemOverride = {
  decisionId: number;
  keys: readonly string[];
  afterTickId: number | null;
  at: Date;
  by: string;
  reason: string;
};

export type Untick = Pick<ChecklistTick, 'id' | 'key' | 'at'>;

export type ChecklistGate = {
  /** Items not yet ticked, in checklist order. */
  open: ChecklistItem[];
  /** True when every item is ticked: Go needs no override. */
  canGoWithoutOverride: boolean;
  /** True when some items are open and an override covers every one of them. */
  coveredByOverride: boolean;
  /** For each open item an override covers, the newest override that does. */
  overridden: Record<string, ItemOverride>;
};

function unstickedSince(override: ItemOverride, key: string, unticks: readonly Untick[]): boolean {
  return unticks.some(
    (u) => u.key === key && (override.afterTickId !== null ? u.id > override.afterTickId : u.at > override.at),
  );
}

/**
 * The quality gate on the Go decision and on shipping. An override covers the items it names that were open when
 * the Release Manager accepted them; an item unticked after that override is no longer covered by it and needs a new
 * one. Overrides are per item, so one for "Monitoring configured" and a later one for "Documentation updated" cover
 * both.
 */
export function decideChecklistGate(
  items: readonly ChecklistItem[],
  overrides: readonly ItemOverride[] = [],
  unticks: readonly Untick[] = [],
): ChecklistGate {
  const open = [...items].sort((a, b) => a.position - b.position).filter((item) => !isTicked(item));
  const overridden: Record<string, ItemOverride> = {};
  for (const item of open) {
    const covering = overrides.filter((o) => o.keys.includes(item.key) && !unstickedSince(o, item.key, unticks));
    const newest = covering.at(-1);
    if (newest) overridden[item.key] = newest;
  }
  const canGoWithoutOverride = open.length === 0;
  const coveredByOverride = !canGoWithoutOverride && open.every((item) => overridden[item.key] !== undefined);
  return { open, canGoWithoutOverride, coveredByOverride, overridden };
}

/** The open items no override covers: what still holds up Go (and shipping). */
export function uncoveredItems(gate: ChecklistGate): ChecklistItem[] {
  return gate.open.filter((item) => gate.overridden[item.key] === undefined);
}

export const MAX_EVIDENCE_URL = 1000;

/** An evidence link must be a web address people can open: http(s), no spaces, at most 1000 characters. */
export function validateEvidenceUrl(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const url = input.trim();
  if (url.length > MAX_EVIDENCE_URL) {
    return { ok: false, message: `A link is at most ${MAX_EVIDENCE_URL} characters.` };
  }
  if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i.test(url) || /[<>|]/.test(url)) {
    return { ok: false, message: 'That is not a web link. Paste a full address such as https://ci.example.com/run/42' };
  }
  return { ok: true, url };
}

export const MAX_OVERRIDE_REASON = 1000;
