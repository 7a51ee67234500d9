import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { actorMention } from '../../../core/domain/actors.ts';
import { formatDuration } from '../../../core/domain/duration.ts';
import { slackLink } from '../../../core/domain/links.ts';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import type { Escalation, EscalationAlert, EscalationStep } from '../../domain/escalation.ts';
import {
  CATEGORY_KEYS,
  ESCALATION_CATEGORIES,
  ESCALATION_LEVELS,
  type EscalationCategory,
  LEVEL_RULES,
  type LevelSetting,
  levelLabel,
  TOP_LEVEL,
} from '../../domain/levels.ts';
import type { EscalationCard, UnreachableLevel } from '../../ports.ts';
import type { EscalationListItem } from '../../usecases/list-escalations.ts';

const HISTORY_SHOWN = 8;

/** A user (`U…`/`W…`) or user group (`S…`) id as a mention that pings them. */
export function formatPing(id: string): string {
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}

export function formatPings(ids: readonly string[], none = '_nobody_'): string {
  return ids.length === 0 ? none : ids.map(formatPing).join(' ');
}

function categoryLabel(escalation: Escalation): string {
  return escalation.category ? ESCALATION_CATEGORIES[escalation.category].label : 'Uncategorised';
}

function formatStep(step: EscalationStep): string {
  const at = formatInstant(new Date(step.postedAt));
  const how = {
    raised: `raised by ${actorMention(step.by ?? '')}`,
    auto: 'escalated: nobody acknowledged in time',
    manual: `escalated by <@${step.by}>`,
    reping: 'pinged again: nobody acknowledged',
  }[step.via];
  const ack = step.acknowledgedBy ? ` · acknowledged by <@${step.acknowledgedBy}>` : '';
  return `Level ${step.level} ${at}: ${how}${ack}`;
}

export function formatHistory(escalation: Escalation): string {
  const steps = escalation.history;
  const shown = steps.slice(-HISTORY_SHOWN).map(formatStep);
  if (steps.length > HISTORY_SHOWN) shown.unshift(`…${steps.length - HISTORY_SHOWN} earlier steps`);
  return shown.join('\n');
}

/** One line saying where the escalation stands. */
export function formatState(escalation: Escalation): string {
  switch (escalation.status) {
    case 'open':
      return escalation.level >= TOP_LEVEL
        ? `:hourglass_flowing_sand: *Waiting for acknowledgement* · pings again ${formatInstant(escalation.nextStepAt)}`
        : `:hourglass_flowing_sand: *Waiting for acknowledgement* · escalates further ${formatInstant(escalation.nextStepAt)}`;
    case 'acknowledged':
      return `:eyes: *Acknowledged* by <@${escalation.acknowledgedBy}> ${formatInstant(escalation.acknowledgedAt)}`;
    case 'resolved':
      return (
        `:white_check_mark: *Resolved* by <@${escalation.resolvedBy}> ${formatInstant(escalation.resolvedAt)}\n` +
        `>${escapeMrkdwn(escalation.resolution)}`
      );
    case 'expired':
      return ':zzz: *Not acknowledged* and older than the maximum age: no longer escalated automatically.';
  }
}

function buttons(escalation: Escalation): ActionsBlock | undefined {
  if (escalation.status === 'resolved') return undefined;
  const value = String(escalation.id);
  const elements: ActionsBlock['elements'] = [];
  if (escalation.status !== 'acknowledged') {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.escalationAcknowledge,
      text: { type: 'plain_text', text: 'Acknowledge' },
      style: 'primary',
      value,
    });
  }
  if (escalation.level < TOP_LEVEL) {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.escalationEscalate,
      text: { type: 'plain_text', text: `Escalate to level ${escalation.level + 1}` },
      value,
    });
  }
  elements.push({
    type: 'button',
    action_id: ACTION_IDS.escalationResolve,
    text: { type: 'plain_text', text: 'Resolve' },
    value,
  });
  return { type: 'actions', block_id: BLOCK_IDS.escalationActions, elements };
}

/**
 * The escalation in a level's channel:
 * title (id, level) and pings · summary (escaped, quoted) · release, category, who raised it and when · history ·
 * state (and, on an older level's message, where it moved) · hint · buttons Acknowledge / Escalate / Resolve.
 */
export function buildEscalationMessage(card: EscalationCard): SlackMessage {
  const { escalation: e, release } = card;
  const summary = escapeMrkdwn(e.summary);
  const pings = card.postedLevel === e.level && e.status === 'open' ? formatPings(card.pings, '') : '';
  const title = `:rotating_light: *Escalation #${e.id} · ${levelLabel(card.postedLevel)}* on *${emphasized(release.name)}*`;
  const blocks: KnownBlock[] = [
    section(`${title}${pings ? `\n${pings}` : ''}`),
    section(`>${truncate(summary, 2500).replaceAll('\n', '\n>')}`),
    context(
      `${categoryLabel(e)} · release *${emphasized(release.name)}* in <#${release.channelId}> · ` +
        `raised by ${actorMention(e.raisedBy)} ${formatInstant(e.raisedAt)}`,
    ),
  ];
  if (card.alert) blocks.push(context(formatAlert(card.alert)));
  if (e.history.length > 1) blocks.push(context(formatHistory(e)));
  const moved =
    card.postedLevel !== e.level && e.status !== 'resolved' ? `\n:arrow_up: Now at *${levelLabel(e.level)}*.` : '';
  blocks.push(section(`${formatState(e)}${moved}`));
  if (card.hint) blocks.push(context(`:information_source: ${card.hint}`));
  const actions = buttons(e);
  if (actions) blocks.push(actions);
  const state = e.status === 'resolved' ? 'Resolved: ' : e.status === 'acknowledged' ? 'Acknowledged: ' : '';
  return {
    text: `${pings ? `${pings} ` : ''}${state}Escalation #${e.id} (${levelLabel(card.postedLevel)}) on ${escapeMrkdwn(release.name)}: ${truncate(summary, 300)}`,
    blocks,
  };
}

/** Where a monitor's escalation came from, and how often it fired again while open. */
export function formatAlert(alert: EscalationAlert): string {
  const source = alert.sourceUrl ? slackLink(alert.sourceUrl, 'Alert source') : 'Raised by an alert';
  const again =
    alert.fired > 1 ? ` · :repeat: *fired again ×${alert.fired - 1}*, last ${formatInstant(alert.lastFiredAt)}` : '';
  return `${source}${again}`;
}

/** The short notice in the release channel, linking to the level message. */
export function buildEscalationNotice(card: EscalationCard, permalink: string | undefined): SlackMessage {
  const { escalation: e } = card;
  const summary = truncate(escapeMrkdwn(e.summary), 500);
  const link = permalink ? ` · <${permalink}|Open the escalation>` : '';
  const where = `${levelLabel(e.level)}`;
  return {
    text: `Escalation #${e.id} raised by ${actorMention(e.raisedBy)} at ${where}: ${summary}`,
    blocks: [
      section(
        `:rotating_light: ${actorMention(e.raisedBy)} raised escalation *#${e.id}* at *${where}*: ${summary}${link}`,
      ),
      context(formatState(e).replaceAll('\n>', ' · ')),
      ...(card.alert ? [context(formatAlert(card.alert))] : []),
    ],
  };
}

/**
 * The release channel is told that a level could not be reached: who was not pinged, why, what to do, and what the
 * escalation does next.
 */
export function buildEscalationUnreachable(problem: UnreachableLevel): SlackMessage {
  const { escalation: e, levelChannelId } = problem;
  const where = `*${levelLabel(e.level)}* in <#${levelChannelId}>`;
  const reason = escapeMrkdwn(problem.reason);
  const why = problem.needsInvite
    ? `I am not in <#${levelChannelId}>. Someone in that channel can invite me with \`/invite @release-bot\`.`
    : problem.gaveUpAfter > 1
      ? `Slack kept failing the post (${reason}, ${problem.gaveUpAfter} tries).`
      : `Slack refused the post (${reason}).`;
  const next =
    e.status === 'open'
      ? `Nobody there was pinged. Unless someone acknowledges, the next step is due ${formatInstant(e.nextStepAt)}.`
      : 'Nobody there was pinged.';
  const text = `:warning: I could not post escalation #${e.id} at ${where}. ${why} ${next}`;
  return { text: `Escalation #${e.id} could not reach ${levelLabel(e.level)}`, blocks: [section(text)] };
}

function formatAck(e: Escalation): string {
  if (e.status === 'acknowledged') return `held by <@${e.acknowledgedBy}>`;
  if (e.status === 'open') {
    return `nobody holds it · next step ${formatInstant(e.nextStepAt)}`;
  }
  return 'nobody holds it · no longer auto-escalated';
}

/** `/release escalations`: open ones with level, age, who holds them, and when the next step is due. */
export function buildEscalationListMessage(items: EscalationListItem[], scope: string): SlackMessage {
  if (items.length === 0) {
    return {
      text: 'No open escalations',
      blocks: [section(`No open escalations ${scope}. Raise one with \`/release escalate &lt;summary&gt;\`.`)],
    };
  }
  const blocks: KnownBlock[] = [header(`Open escalations (${items.length})`)];
  for (const item of items.slice(0, 40)) {
    blocks.push(section(formatListLine(item)));
  }
  if (items.length > 40) blocks.push(context(`…and ${items.length - 40} more.`));
  return { text: `${items.length} open escalations`, blocks };
}

export function formatListLine(item: EscalationListItem): string {
  const e = item.escalation;
  return (
    `*#${e.id}* ${levelLabel(e.level)} in <#${item.channelId}> · *${emphasized(item.release.name)}* · ` +
    `${formatDuration(item.ageMs)} old\n${truncate(escapeMrkdwn(e.summary), 200)}\n${formatAck(e)}`
  );
}

/** Lines for `/release status`. */
export function buildEscalationStatusBlocks(items: EscalationListItem[]): KnownBlock[] {
  if (items.length === 0) return [section('*Escalations*: none open')];
  const lines = items.slice(0, 10).map((item) => `• ${formatListLine(item).replaceAll('\n', ' · ')}`);
  if (items.length > 10) lines.push(`…and ${items.length - 10} more: \`/release escalations\``);
  return [section(`*Escalations* (${items.length} open)\n${lines.join('\n')}`)];
}

/** `/release escalation` with no arguments: the workspace's levels. */
export function buildLevelSettingsMessage(settings: LevelSetting[]): SlackMessage {
  const lines = ESCALATION_LEVELS.map((level) => {
    const s = settings.find((x) => x.level === level);
    const rules = LEVEL_RULES[level].belongs.join('; ');
    if (!s) {
      return level === 1
        ? `*${levelLabel(1)}*: the release channel, pinging the release's role holders, 30m to acknowledge\n_${rules}_`
        : `*${levelLabel(level)}*: _not configured_ · \`/release escalation level:${level} channel:#… ping:@… ack:${level === 2 ? '15m' : '10m'}\`\n_${rules}_`;
    }
    return `*${levelLabel(level)}*: <#${s.channelId}> · pings ${formatPings(s.pings, level === 1 ? "the release's role holders" : '_nobody_')} · ${formatDuration(s.ackMs)} to acknowledge\n_${rules}_`;
  });
  return { text: 'Escalation levels', blocks: [header('Escalation levels'), section(lines.join('\n\n'))] };
}

function option(text: string, value: string) {
  return { text: { type: 'plain_text' as const, text }, value };
}

/** The "Escalate" modal: category (sets the default level), optional level, summary. */
export function buildRaiseEscalationModal(
  state: { releaseId: number; channelId: string },
  initial: { category?: EscalationCategory | undefined; summary?: string | undefined } = {},
): ModalView {
  const initialCategory = initial.category
    ? {
        initial_option: option(
          `${ESCALATION_CATEGORIES[initial.category].label} (level ${ESCALATION_CATEGORIES[initial.category].level})`,
          initial.category,
        ),
      }
    : {};
  // a plain_text_input shows its initial value as typed: no mrkdwn escaping here, the summary is escaped when posted
  const initialSummary = initial.summary ? { initial_value: initial.summary.slice(0, 1500) } : {};
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.raiseEscalation,
    private_metadata: JSON.stringify(state),
    title: { type: 'plain_text', text: 'Escalate' },
    submit: { type: 'plain_text', text: 'Escalate' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BLOCK_IDS.escalationCategory,
        label: { type: 'plain_text', text: 'Category' },
        hint: { type: 'plain_text', text: 'The category sets the level unless you pick one below.' },
        element: {
          type: 'static_select',
          action_id: INPUT_ACTION_ID,
          options: CATEGORY_KEYS.map((key) =>
            option(`${ESCALATION_CATEGORIES[key].label} (level ${ESCALATION_CATEGORIES[key].level})`, key),
          ),
          ...initialCategory,
        },
      },
      {
        type: 'input',
        block_id: BLOCK_IDS.escalationLevel,
        optional: true,
        label: { type: 'plain_text', text: 'Level' },
        element: {
          type: 'static_select',
          action_id: INPUT_ACTION_ID,
          options: ESCALATION_LEVELS.map((level) => option(levelLabel(level), String(level))),
        },
      },
      {
        type: 'input',
        block_id: BLOCK_IDS.escalationSummary,
        label: { type: 'plain_text', text: 'Summary' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: true,
          max_length: 1500,
          ...initialSummary,
        },
      },
    ],
  };
}

/** The "Resolve" modal: a resolution note is required. */
export function buildResolveEscalationModal(state: { escalationId: number; summary: string }): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.resolveEscalation,
    private_metadata: JSON.stringify({ escalationId: state.escalationId }),
    title: { type: 'plain_text', text: `Resolve #${state.escalationId}` },
    submit: { type: 'plain_text', text: 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`>${truncate(escapeMrkdwn(state.summary), 500)}`),
      {
        type: 'input',
        block_id: BLOCK_IDS.escalationResolution,
        label: { type: 'plain_text', text: 'Resolution' },
        hint: {
          type: 'plain_text',
          text: 'What was done, or why no action is needed. Everyone who was pinged sees it.',
        },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION_ID, multiline: true, max_length: 1500 },
      },
    ],
  };
}
