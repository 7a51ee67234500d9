import type { KnownBlock } from '@slack/types';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { ROLE_LABELS, type Role } from '../../../core/domain/roles.ts';
import { ACTION_IDS } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import {
  AUTHORITY_AREAS,
  type AuthorityConflict,
  type AuthorityProposal,
  areaKeyword,
  authorityArea,
  CHECKLIST_OVERRIDE_AREA,
  decidingRoles,
  GATE_OVERRIDE_AREA,
  GO_RECONFIRMED_AREA,
} from '../../domain/authority.ts';
import type { Decision } from '../../domain/decision.ts';

const SPECIAL_AREAS: Record<string, string> = {
  [CHECKLIST_OVERRIDE_AREA]: 'Checklist override (Go with open items)',
  [GATE_OVERRIDE_AREA]: 'Deployment gate override (emergency ship)',
  [GO_RECONFIRMED_AREA]: 'Go re-confirmed',
};

function areaLabel(area: string | null): string {
  const special = area ? SPECIAL_AREAS[area] : undefined;
  if (special) return special;
  return authorityArea(area ?? '')?.label ?? escapeMrkdwn(area ?? 'unknown area');
}

/**
 * One `authority` decision as a mrkdwn line for the decision log (`/release decisions`): area, what was decided,
 * the rationale, who and when, and for joint areas who agreed. Typed text is escaped.
 */
export function formatAuthorityDecision(decision: Decision): string {
  const details = (decision.details ?? {}) as { agreedBy?: unknown; conflicts?: unknown; openItems?: unknown };
  const parts = [`*${areaLabel(decision.area)}*: ${escapeMrkdwn(decision.outcome)}`];
  if (decision.area === CHECKLIST_OVERRIDE_AREA && Array.isArray(details.openItems)) {
    parts[0] = `*${areaLabel(decision.area)}*: open items ${details.openItems.map((i) => escapeMrkdwn(String(i))).join(', ')}`;
  }
  if (decision.rationale) parts.push(`_because_ ${escapeMrkdwn(decision.rationale)}`);
  let who = `<@${decision.decidedBy}> ${formatInstant(decision.decidedAt)}`;
  if (typeof details.agreedBy === 'string') who += `, agreed by <@${details.agreedBy}>`;
  if (Array.isArray(details.conflicts) && details.conflicts.length > 0)
    who += ` · settles ${details.conflicts.length} recorded conflict${details.conflicts.length > 1 ? 's' : ''}`;
  return `${parts.join(' — ')}\n${who}`;
}

export function buildDecisionMessage(release: Release, decision: Decision, settled: AuthorityConflict[]): SlackMessage {
  const lines = [`:scales: Decision on ${`*${emphasized(release.name)}*`}`, formatAuthorityDecision(decision)];
  for (const c of settled) {
    lines.push(`> Perspectives recorded: “${escapeMrkdwn(c.perspectiveA)}” vs “${escapeMrkdwn(c.perspectiveB)}”`);
  }
  return {
    text: `Decision on ${escapeMrkdwn(release.name)}: ${areaLabel(decision.area)}: ${escapeMrkdwn(decision.outcome)}`,
    blocks: [section(lines.join('\n'))],
  };
}

export function buildProposalMessage(
  release: Release,
  proposal: AuthorityProposal,
  partner: Role,
  partnerHolders: string[],
): SlackMessage {
  const why = proposal.rationale ? ` — _because_ ${escapeMrkdwn(proposal.rationale)}` : '';
  const text =
    `:handshake: <@${proposal.proposedBy}> (${ROLE_LABELS[proposal.proposerRole]}) proposes for *${emphasized(release.name)}*\n` +
    `*${areaLabel(proposal.area)}*: ${escapeMrkdwn(proposal.decision)}${why}\n` +
    `It becomes the decision when the ${ROLE_LABELS[partner]} (${mentionAll(partnerHolders, '_unassigned_')}) agrees.`;
  return {
    text: `Proposal on ${escapeMrkdwn(release.name)}: ${areaLabel(proposal.area)}`,
    blocks: [
      section(text),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION_IDS.scopeAgree,
            style: 'primary',
            text: { type: 'plain_text', text: `Agree (${ROLE_LABELS[partner]})` },
            value: String(proposal.id),
          },
        ],
      },
    ],
  };
}

export function buildAgreedProposalMessage(
  release: Release,
  proposal: AuthorityProposal,
  decision: Decision,
): SlackMessage {
  return {
    text: `Agreed on ${escapeMrkdwn(release.name)}: ${areaLabel(proposal.area)}`,
    blocks: [section(`:handshake: Agreed on *${emphasized(release.name)}*\n${formatAuthorityDecision(decision)}`)],
  };
}

export function buildConflictMessage(
  release: Release,
  conflict: AuthorityConflict,
  deciders: Array<{ role: Role; userIds: string[] }>,
  managers: string[],
): SlackMessage {
  const decide = deciders
    .map((d) => `the ${ROLE_LABELS[d.role]} (${mentionAll(d.userIds, '_unassigned_')})`)
    .join(' with ');
  const text =
    `:left_right_arrow: <@${conflict.recordedBy}> recorded a disagreement on *${emphasized(release.name)}* — *${areaLabel(conflict.area)}*\n` +
    `*A:* ${escapeMrkdwn(conflict.perspectiveA)}\n*B:* ${escapeMrkdwn(conflict.perspectiveB)}\n` +
    `${ROLE_LABELS.rm} ${mentionAll(managers, '_unassigned_')} coordinates; ${decide} decides with \`/release decide ${areaKeyword(authorityArea(conflict.area) ?? { key: conflict.area })} &lt;decision&gt;\`.`;
  return {
    text: `Disagreement on ${escapeMrkdwn(release.name)}: ${areaLabel(conflict.area)}`,
    blocks: [section(text)],
  };
}

/** The decision-authority table, for help and for "who decides" answers. */
export function formatAuthorityTable(): string {
  const byRole = new Map<Role, string[]>();
  for (const area of AUTHORITY_AREAS) {
    const roles = decidingRoles(area);
    const key = roles[0] as Role;
    const suffix = roles.length > 1 ? ` (with the ${ROLE_LABELS[roles[1] as Role]})` : '';
    byRole.set(key, [...(byRole.get(key) ?? []), `\`${areaKeyword(area)}\`${suffix}`]);
  }
  return [...byRole.entries()].map(([role, areas]) => `*${ROLE_LABELS[role]}*: ${areas.join(', ')}`).join('\n');
}

export function buildAuthorityHelp(): KnownBlock[] {
  return [
    section(`*Who decides what*\n${formatAuthorityTable()}`),
    context('Source: Release Responsibilities → Decision Authority.'),
  ];
}
