import { type Failure, fail } from '../../core/deps.ts';
import { formatInformedMention, informedParties } from '../../core/domain/informed.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, type Role, type RoleAssignment, rolesOf } from '../../core/domain/roles.ts';
import { whyNotAPerson } from '../../core/usecases/human-only.ts';
import type { GovernanceDeps } from '../deps.ts';

type Store = GovernanceDeps['store'];

import {
  type AuthorityArea,
  type AuthorityConflict,
  type AuthorityProposal,
  authorityArea,
  decideAuthority,
  decidingRoles,
  MAX_DECISION_TEXT,
  mayAgree,
} from '../domain/authority.ts';
import type { Decision } from '../domain/decision.ts';

export type DecideInput = {
  release: Release;
  actorId: string;
  area: AuthorityArea;
  decision: string;
  rationale?: string | undefined;
};

export type DecideResult =
  | { ok: true; mode: 'decided'; decision: Decision; settled: AuthorityConflict[]; informed: string | undefined }
  | { ok: true; mode: 'proposed'; proposal: AuthorityProposal; partner: Role; partnerHolders: string[] }
  | Failure;

function whoHolds(assignments: readonly RoleAssignment[], roles: readonly Role[]): string {
  return roles
    .map((role) => {
      const holders = holdersOf(assignments, role);
      return `the ${ROLE_LABELS[role]}${holders.length > 0 ? ` (${holders.map((id) => `<@${id}>`).join(', ')})` : ' (nobody holds it yet)'}`;
    })
    .join(' together with ');
}

function checkText(decision: string, rationale: string | undefined): Failure | undefined {
  if (decision.trim() === '') return fail('Say what was decided.');
  if (decision.length > MAX_DECISION_TEXT) return fail(`Keep a decision under ${MAX_DECISION_TEXT} characters.`);
  if (rationale && rationale.length > MAX_DECISION_TEXT)
    return fail(`Keep the rationale under ${MAX_DECISION_TEXT} characters.`);
  return undefined;
}

/** Records the decision, settles the area's open conflicts and names the Informed parties (inside a transaction). */
async function recordDecision(
  store: Store,
  release: Release,
  area: AuthorityArea,
  input: { decision: string; rationale: string | null; decidedBy: string; now: Date; details: Record<string, unknown> },
): Promise<{ decision: Decision; settled: AuthorityConflict[]; informed: string | undefined }> {
  const open = (await store.governance.conflicts(release.id)).filter(
    (c) => c.area === area.key && c.resolvedByDecisionId === null,
  );
  const decision = await store.decisions.record({
    teamId: release.teamId,
    releaseId: release.id,
    kind: 'authority',
    area: area.key,
    outcome: input.decision,
    rationale: input.rationale,
    decidedBy: input.decidedBy,
    decidedAt: input.now,
    details: {
      ...input.details,
      conflicts: open.map((c) => ({ id: c.id, perspectiveA: c.perspectiveA, perspectiveB: c.perspectiveB })),
    },
  });
  await store.governance.resolveConflicts(release.id, area.key, decision.id);
  await store.audit.record({
    teamId: release.teamId,
    releaseId: release.id,
    actorId: input.decidedBy,
    action: 'decision.recorded',
    subject: area.key,
    after: { decisionId: decision.id, outcome: input.decision, rationale: input.rationale },
    at: input.now,
  });
  const assignments = await store.releases.assignments(release.id);
  const informed = formatInformedMention(area.activity, informedParties(area.activity, assignments));
  return { decision, settled: open, informed };
}

/**
 * `/release decide <area> <decision>`: only the role with final authority over the area records it (seed: Decision
 * Authority). Release scope is joint: the Product Owner or the Release Manager proposes, the other agrees.
 */
export async function recordAuthorityDecision(deps: GovernanceDeps, input: DecideInput): Promise<DecideResult> {
  const decisionText = input.decision.trim();
  const rationale = input.rationale?.trim() || null;
  const bad = checkText(decisionText, rationale ?? undefined);
  if (bad) return bad;
  const notAPerson = await whyNotAPerson(deps, input.actorId, 'record a decision');
  if (notAPerson) return fail(notAPerson);
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<DecideResult> => {
    const release = await store.releases.findById(input.release.id);
    if (!release) return fail('That release no longer exists.');
    if (!isActive(release))
      return fail(`${releaseLabel(release)} has ended; decisions can no longer be recorded on it.`);
    const assignments = await store.releases.assignments(release.id);
    const actorRoles = rolesOf(assignments, input.actorId);
    const check = decideAuthority(input.area, actorRoles);
    if (!check.ok) {
      return fail(
        `${input.area.label}: the call is made by ${whoHolds(assignments, check.needs)}. Ask them, or record the disagreement with \`/release conflict\`.`,
      );
    }
    if (check.mode === 'decide') {
      const recorded = await recordDecision(store, release, input.area, {
        decision: decisionText,
        rationale,
        decidedBy: input.actorId,
        now,
        details: { role: input.area.decider },
      });
      return { ok: true, mode: 'decided', ...recorded };
    }
    const proposerRole = decidingRoles(input.area).find((r) => actorRoles.includes(r)) as Role;
    await store.governance.closeProposals(release.id, input.area.key, 'superseded', input.actorId, now);
    const proposal = await store.governance.recordProposal({
      releaseId: release.id,
      area: input.area.key,
      decision: decisionText,
      rationale,
      proposedBy: input.actorId,
      proposerRole,
      proposedAt: now,
    });
    await store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'decision.proposed',
      subject: input.area.key,
      after: { proposalId: proposal.id, decision: decisionText, rationale },
      at: now,
    });
    return {
      ok: true,
      mode: 'proposed',
      proposal,
      partner: check.partner,
      partnerHolders: holdersOf(assignments, check.partner),
    };
  });
}

export type AgreeResult =
  | {
      ok: true;
      release: Release;
      proposal: AuthorityProposal;
      decision: Decision;
      settled: AuthorityConflict[];
      informed: string | undefined;
    }
  | Failure;

/** The partner's agreement turns a joint-area proposal into the decision. It must come from another person. */
export async function agreeToProposal(
  deps: GovernanceDeps,
  input: { proposalId: number; actorId: string },
): Promise<AgreeResult> {
  const notAPerson = await whyNotAPerson(deps, input.actorId, 'agree to a proposal');
  if (notAPerson) return fail(notAPerson);
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<AgreeResult> => {
    const proposal = await store.governance.proposal(input.proposalId);
    if (!proposal) return fail('That proposal no longer exists.');
    const area = authorityArea(proposal.area);
    const release = await store.releases.findById(proposal.releaseId);
    if (!area || !release) return fail('That proposal no longer applies.');
    if (proposal.status === 'superseded') return fail('A newer proposal replaced this one; agree to that one instead.');
    if (proposal.status === 'agreed') return fail(`This was already agreed by <@${proposal.resolvedBy}>.`);
    if (!isActive(release))
      return fail(`${releaseLabel(release)} has ended; decisions can no longer be recorded on it.`);
    const assignments = await store.releases.assignments(release.id);
    if (input.actorId === proposal.proposedBy) {
      return fail(
        `You proposed this; ${whoHolds(
          assignments,
          decidingRoles(area).filter((r) => r !== proposal.proposerRole),
        )} must agree.`,
      );
    }
    if (!mayAgree(area, proposal.proposerRole, rolesOf(assignments, input.actorId))) {
      return fail(
        `${area.label} is agreed by ${whoHolds(
          assignments,
          decidingRoles(area).filter((r) => r !== proposal.proposerRole),
        )}.`,
      );
    }
    await store.governance.closeProposals(release.id, area.key, 'agreed', input.actorId, now);
    const recorded = await recordDecision(store, release, area, {
      decision: proposal.decision,
      rationale: proposal.rationale,
      decidedBy: proposal.proposedBy,
      now,
      details: { proposalId: proposal.id, proposedBy: proposal.proposedBy, agreedBy: input.actorId },
    });
    const updated = (await store.governance.proposal(proposal.id)) as AuthorityProposal;
    return { ok: true, release, proposal: updated, ...recorded };
  });
}
