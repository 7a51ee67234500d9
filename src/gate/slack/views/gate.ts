import type { ActionsBlock, KnownBlock } from '@slack/types';
import { actorMention } from '../../../core/domain/actors.ts';
import type { GateEvent } from '../../../core/domain/gate-events.ts';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { ROLE_LABELS, type Role } from '../../../core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, plainText, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import type { DecisionRef, DeploymentGate, GateReason } from '../../domain/gate.ts';

const GATE_ICONS = { open: ':large_green_circle:', pending: ':large_yellow_circle:', closed: ':no_entry:' } as const;

/** What a confirm button carries: the release, and whether to ship right after confirming. */
export function confirmButtonValue(releaseId: number, ship: boolean): string {
  return JSON.stringify({ r: releaseId, s: ship ? 1 : 0 });
}

function by(decision: DecisionRef): string {
  return `<@${decision.decidedBy}> ${formatInstant(decision.decidedAt)}`;
}

/** One event that made the Go stale, as a line people read. */
export function describeEvent(event: GateEvent): string {
  const when = formatInstant(event.at);
  switch (event.kind) {
    case 'checklist_unticked':
      return `“${escapeMrkdwn(event.label)}” was unticked by ${actorMention(event.actorId)} ${when}`;
    case 'risk_raised': {
      const title = escapeMrkdwn(truncate(event.title, 80));
      return event.previousScore === null
        ? `Risk #${event.riskId} “${title}” (score ${event.score}) was added by <@${event.actorId}> ${when}`
        : `Risk #${event.riskId} “${title}” was raised to score ${event.score} (from ${event.previousScore}) by <@${event.actorId}> ${when}`;
    }
    case 'escalation_reached':
      return `Escalation #${event.escalationId} “${escapeMrkdwn(truncate(event.summary, 80))}” reached level ${event.level} ${when}`;
  }
}

/** What one reason holding the gate means, and what to do about it. */
export function describeReason(reason: GateReason): string {
  switch (reason.code) {
    case 'no_go_yet':
      return 'No Go decision yet: the Release Manager runs the go/no-go with `/release gonogo`.';
    case 'no_go':
      return `A No-Go is in force (decided by ${by(reason.decision)}): shipping needs a newer Go (\`/release gonogo\`).`;
    case 'roll_back':
      return `A rollback decision “roll back” is in force (decided by ${by(reason.decision)}): shipping needs a newer Go (\`/release gonogo\`).`;
    case 'poll_open':
      return 'A new go/no-go poll is open: its decision replaces the earlier Go.';
    case 'needs_reconfirmation': {
      const lines = reason.events.slice(0, 5).map((e) => `   • ${describeEvent(e)}`);
      if (reason.events.length > 5) lines.push(`   • …and ${reason.events.length - 5} more`);
      return `The Go *needs re-confirmation* by the Release Manager; since it:\n${lines.join('\n')}`;
    }
    case 'open_items': {
      const items = reason.items.map((i) => `“${escapeMrkdwn(i.label)}” (${ROLE_LABELS[i.owner]})`).join(', ');
      const n = reason.items.length;
      return (
        `${n} checklist item${n === 1 ? ' is' : 's are'} open: ${items}. The owner ticks ${n === 1 ? 'it' : 'them'} ` +
        '(`/release checklist`), or the Release Manager overrides with a reason (`/release checklist override item:&lt;key&gt; &lt;reason&gt;`).'
      );
    }
  }
}

/** The gate in one line: "🟢 Deployment gate: open · Go by @rm …". */
export function gateHeadline(gate: DeploymentGate): string {
  const go = gate.go ? ` · Go by ${by(gate.go)}` : '';
  const confirmed = gate.confirmation && gate.stale.length === 0 ? `, re-confirmed by ${by(gate.confirmation)}` : '';
  return `${GATE_ICONS[gate.gate]} *Deployment gate: ${gate.gate}*${go}${confirmed}`;
}

function emergencyLine(): string {
  return (
    'In an emergency the Release Manager can ship past the gate: `/release ship emergency reason:"…"`. It is ' +
    'announced, logged as an override of the gate, raised to level 2 and put on the retrospective.'
  );
}

function confirmActions(releaseId: number, ship: boolean): ActionsBlock {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.gateActions,
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.gateConfirmGo,
        style: 'primary',
        text: plainText(ship ? 'Confirm Go and ship' : 'Confirm Go'),
        value: confirmButtonValue(releaseId, ship),
      },
      {
        type: 'button',
        action_id: ACTION_IDS.gateReopenPoll,
        text: plainText('Reopen the go/no-go'),
        value: String(releaseId),
      },
    ],
  };
}

/**
 * `/release ship` refused by the gate (ephemeral): what is missing and the way forward. When re-confirmation is all
 * that holds it and the Release Manager asked, one click confirms and ships, or reopens the poll.
 */
export function buildShipRefusal(input: {
  release: Release;
  gate: DeploymentGate;
  isReleaseManager: boolean;
}): SlackMessage {
  const { release, gate } = input;
  const reasons = gate.reasons.map((r) => `• ${describeReason(r)}`).join('\n');
  const stale = gate.reasons.length === 1 && gate.reasons[0]?.code === 'needs_reconfirmation';
  const blocks: KnownBlock[] = [
    section(truncate(`:warning: ${releaseLabel(release)} cannot ship yet. ${gateHeadline(gate)}\n${reasons}`, 3000)),
  ];
  if (stale && input.isReleaseManager) {
    blocks.push(
      section('You may stand by the Go with one click (recorded in the decision log), or reopen the go/no-go.'),
    );
    blocks.push(confirmActions(release.id, true));
  } else if (stale) {
    blocks.push(
      context(`The ${ROLE_LABELS.rm} re-confirms the Go (on the poll, or when they ship) or reopens the go/no-go.`),
    );
  } else {
    blocks.push(context(emergencyLine()));
  }
  return { text: `${escapeMrkdwn(release.name)} cannot ship yet: the deployment gate is ${gate.gate}`, blocks };
}

/** The channel post when a release ships through the gate. */
export function buildShipAnnouncement(input: {
  release: Release;
  actorId: string;
  actorRole: Role | undefined;
  gate: DeploymentGate;
}): SlackMessage {
  const { release, gate } = input;
  const role = input.actorRole ? ` (${ROLE_LABELS[input.actorRole]})` : '';
  const go = gate.go ? ` on the Go by ${by(gate.go)}` : '';
  const confirmed = gate.confirmation ? `, re-confirmed by ${by(gate.confirmation)}` : '';
  const text =
    `:rocket: ${releaseLabel(release)} was shipped by ${actorMention(input.actorId)}${role} ${formatInstant(release.updatedAt)}` +
    `, through the deployment gate${go}${confirmed}.`;
  return { text, blocks: [section(text)] };
}

/** The channel post of an emergency ship: who, past what, why, and what follows. */
export function buildEmergencyAnnouncement(input: {
  release: Release;
  actorId: string;
  reason: string;
  gate: DeploymentGate;
  escalationId: number | undefined;
}): SlackMessage {
  const { release, gate } = input;
  const missing = gate.reasons.map((r) => `• ${describeReason(r)}`).join('\n');
  const escalated =
    input.escalationId !== undefined
      ? `a level-2 escalation (#${input.escalationId}) tells management`
      : 'a level-2 escalation could not be raised (see the reply to the Release Manager)';
  const text =
    `:rotating_light: *Emergency ship*: ${releaseLabel(release)} was shipped by <@${input.actorId}> ` +
    `${formatInstant(release.updatedAt)} *past the deployment gate*.\n*Reason:* ${truncate(escapeMrkdwn(input.reason), 1200)}\n` +
    `*The gate was holding because:*\n${missing}`;
  return {
    text: `Emergency ship of ${escapeMrkdwn(release.name)} past the deployment gate`,
    blocks: [
      section(truncate(text, 3000)),
      context(
        `Logged in the decision log as an override of the gate; ${escalated}; the retrospective asks why the gate was ` +
          'bypassed; the metrics count it apart from on-time releases.',
      ),
    ],
  };
}

/** The channel post when the Release Manager re-confirms a stale Go. */
export function buildGoConfirmedNotice(input: {
  release: Release;
  actorId: string;
  events: GateEvent[];
}): SlackMessage {
  const lines = input.events.slice(0, 5).map((e) => `• ${describeEvent(e)}`);
  const text = `:ballot_box_with_check: <@${input.actorId}> re-confirmed the Go on ${releaseLabel(input.release)} after:\n${lines.join('\n')}`;
  return {
    text: `The Go on ${escapeMrkdwn(input.release.name)} was re-confirmed`,
    blocks: [section(truncate(text, 3000))],
  };
}

/** `/release status`: the gate, what holds it, and a shipped release's way through (or past) it. */
export function buildGateStatusBlocks(input: {
  release: Release;
  gate: DeploymentGate;
  emergency: DecisionRef | undefined;
}): KnownBlock[] {
  const { release, gate } = input;
  if (input.emergency) {
    return [
      section(
        truncate(
          `:rotating_light: *Shipped past the deployment gate* (emergency) by ${by(input.emergency)}: ` +
            `“${escapeMrkdwn(input.emergency.rationale ?? '')}”`,
          3000,
        ),
      ),
    ];
  }
  if (release.status !== 'planning' && release.status !== 'approved') return [];
  const reasons = gate.reasons.map((r) => `• ${describeReason(r)}`).join('\n');
  return [section(truncate(reasons ? `${gateHeadline(gate)}\n${reasons}` : gateHeadline(gate), 3000))];
}

/**
 * On the go/no-go poll whose Go is in force: whether it still stands. Stale → the events and the Release Manager's
 * two ways on (buttons); re-confirmed → who and when; superseded by a new open poll → said so.
 */
export function buildGoPollSection(input: { release: Release; gate: DeploymentGate }): KnownBlock[] {
  const { release, gate } = input;
  const stale = gate.reasons.find((r) => r.code === 'needs_reconfirmation');
  if (gate.reasons.some((r) => r.code === 'poll_open')) {
    return [context(':hourglass_flowing_sand: A new go/no-go poll is open; its decision replaces this Go.')];
  }
  if (stale) {
    return [
      section(truncate(`:warning: ${describeReason(stale)}`, 3000)),
      context(
        `The ${ROLE_LABELS.rm} confirms the Go with one click, or reopens the go/no-go. Until then nothing ships.`,
      ),
      confirmActions(release.id, false),
    ];
  }
  if (gate.confirmation) return [context(`:ballot_box_with_check: Go re-confirmed by ${by(gate.confirmation)}.`)];
  return [];
}
