import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { actorMention } from '../../../core/domain/actors.ts';
import { formatDuration } from '../../../core/domain/duration.ts';
import { slackLink } from '../../../core/domain/links.ts';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import {
  acknowledgedFor,
  type Escalation,
  type EscalationAlert,
  type EscalationStep,
} from '../../domain/escalation.ts';
import {
  CATEGORY_KEYS,
  ESCALATION_CATEGORIES,
  ESCALATION_LEVELS,
  type EscalationCategory,
  type EscalationLevel,
  LEVEL_RULES,
  type LevelSetting,
  levelLabel,
  TOP_LEVEL,
} from '../../domain/levels.ts';
import { formatPingList } from '../../domain/mentions.ts';
import { formatHours, hoursFor } from '../../domain/quiet-hours.ts';
import type { EscalationCard, UnreachableLevel } from '../../ports.ts';
import type { LevelTargets } from '../../usecases/escalation-delivery.ts';
import type { EscalationListItem } from '../../usecases/list-escalations.ts';

const HISTORY_SHOWN = 8;

export { formatPing } from '../../domain/mentions.ts';

export function formatPings(ids: readonly string[], none = '_nobody_'): string {
  return formatPingList(ids, none);
}

/** "09:00 (Tue 24 Nov, Europe/Berlin)": when a paused climb starts again, on the release's clock. */
export function formatResume(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(
    at,
  );
  return `${time} (${day.replace(',', '')}, ${timeZone})`;
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
  const ack = step.acknowledgedBy
    ? ` · acknowledged by <@${step.acknowledgedBy}>${step.acknowledgedFor ? ` for <@${step.acknowledgedFor}>` : ''}`
    : '';
  return `Level ${step.level} ${at}: ${how}${ack}`;
}

export function formatHistory(escalation: Escalation): string {
  const steps = escalation.history;
  const shown = steps.slice(-HISTORY_SHOWN).map(formatStep);
  if (steps.length > HISTORY_SHOWN) shown.unshift(`…${steps.length - HISTORY_SHOWN} earlier steps`);
  return shown.join('\n');
}

/** " for @holder" when a delegate acknowledged for an away role holder. */
export function forWhom(escalation: Escalation): string {
  const holder = acknowledgedFor(escalation);
  return holder ? ` for <@${holder}>` : '';
}

/** One line saying where the escalation stands; a paused climb says until when. */
export function formatState(escalation: Escalation, paused?: { until: Date; timeZone: string }): string {
  switch (escalation.status) {
    case 'open': {
      const pause = paused
        ? ` · :double_vertical_bar: paused until ${formatResume(paused.until, paused.timeZone)}`
        : '';
      return escalation.level >= TOP_LEVEL
        ? `:hourglass_flowing_sand: *Waiting for acknowledgement* · pings again ${formatInstant(escalation.nextStepAt)}${pause}`
        : `:hourglass_flowing_sand: *Waiting for acknowledgement* · escalates further ${formatInstant(escalation.nextStepAt)}${pause}`;
    }
    case 'acknowledged':
      return `:eyes: *Acknowledged* by <@${escalation.acknowledgedBy}>${forWhom(escalation)} ${formatInstant(escalation.acknowledgedAt)}`;
    case 'resolved':
      return (
        `:white_check_mark: *Resolved* by <@${escalation.resolvedBy}> ${formatInstant(escalation.resolvedAt)}\n` +
        `>${escapeMrkdwn(escalation.resolution)}`
      );
    case 'expired':
      return ':zzz: *Not acknowledged* and older than the maximum age: no longer escalated automatically.';
  }
}

/** A button's value names the escalation and the step it was shown at: a stale copy's click is recognised. */
export function escalationButtonValue(escalation: Pick<Escalation, 'id' | 'step'>): string {
  return `${escalation.id}:${escalation.step}`;
}

export function buttons(escalation: Escalation): ActionsBlock | undefined {
  if (escalation.status === 'resolved') return undefined;
  const value = escalationButtonValue(escalation);
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
 * (level not set up: where it went instead) · title (id, current level) and pings · summary (escaped, quoted) ·
 * release, category, who raised it and when · history · state (paused until when) · hint · buttons.
 * A copy that is no longer the live one (`superseded`, at a lower level) says where the escalation went and has no
 * buttons, so every copy shows the same current level in its header and its body.
 */
export function buildEscalationMessage(
  card: EscalationCard,
  superseded?: { permalink: string | undefined },
): SlackMessage {
  const { escalation: e, release } = card;
  const summary = escapeMrkdwn(e.summary);
  const live = superseded === undefined;
  const pings = live && card.postedLevel === e.level && e.status === 'open' ? formatPings(card.pings, '') : '';
  const fallback =
    live && card.fallback
      ? `:warning: *${levelLabel(card.fallback.missing)} is not set up: posted to <#${card.fallback.channelId}> instead.*`
      : '';
  const link = superseded?.permalink ? ` → <${superseded.permalink}|the live message>` : '';
  const title = live
    ? `:rotating_light: *Escalation #${e.id} · ${levelLabel(e.level)}* on *${emphasized(release.name)}*`
    : `:arrow_up: *Escalation #${e.id} escalated to ${levelLabel(e.level)}*${link} · on *${emphasized(release.name)}*`;
  const blocks: KnownBlock[] = [];
  if (fallback) blocks.push(section(fallback));
  blocks.push(
    section(`${title}${pings ? `\n${pings}` : ''}`),
    section(`>${truncate(summary, 2500).replaceAll('\n', '\n>')}`),
    context(
      `${categoryLabel(e)} · release *${emphasized(release.name)}* in <#${release.channelId}> · ` +
        `raised by ${actorMention(e.raisedBy)} ${formatInstant(e.raisedAt)}`,
    ),
  );
  if (card.alert) blocks.push(context(formatAlert(card.alert)));
  if (e.history.length > 1) blocks.push(context(formatHistory(e)));
  const paused = card.pausedUntil ? { until: card.pausedUntil, timeZone: release.timeZone } : undefined;
  blocks.push(section(formatState(e, paused)));
  if (card.hint && live) blocks.push(context(`:information_source: ${card.hint}`));
  const actions = live ? buttons(e) : undefined;
  if (actions) blocks.push(actions);
  const state = e.status === 'resolved' ? 'Resolved: ' : e.status === 'acknowledged' ? 'Acknowledged: ' : '';
  const head = live
    ? `${fallback ? `${levelLabel(card.fallback?.missing ?? e.level)} is not set up: posted to <#${card.fallback?.channelId}> instead. ` : ''}${pings ? `${pings} ` : ''}${state}Escalation #${e.id} (${levelLabel(e.level)})`
    : `${state}Escalation #${e.id} escalated to ${levelLabel(e.level)}`;
  return { text: `${head} on ${escapeMrkdwn(release.name)}: ${truncate(summary, 300)}`, blocks };
}

/** A re-ping: a short threaded reply that mentions the level's people again, so Slack notifies them. */
export function buildEscalationReping(card: EscalationCard): SlackMessage {
  const { escalation: e } = card;
  const pings = formatPings(card.pings, '');
  const text =
    `${pings ? `${pings} ` : ''}:rotating_light: Escalation #${e.id} at *${levelLabel(e.level)}* is still not ` +
    `acknowledged (${e.step} steps so far). Acknowledge it on the message above.`;
  const blocks: KnownBlock[] = [section(text)];
  if (card.hint) blocks.push(context(`:information_source: ${card.hint}`));
  return { text, blocks };
}

/** The direct message to a Release Manager: a level is not set up, where the escalation went, the fixing command. */
export function buildEscalationDirect(card: EscalationCard, permalink: string | undefined, hint: string): SlackMessage {
  const { escalation: e, release } = card;
  const where = card.fallback ? `<#${card.fallback.channelId}>` : 'its channel';
  const link = permalink ? ` <${permalink}|Open it>.` : '';
  const text =
    `:warning: Escalation #${e.id} on *${emphasized(release.name)}* is at *${levelLabel(e.level)}*, which is not ` +
    `set up: I posted it to ${where} instead.${link}\n${hint}`;
  return { text: `Escalation #${e.id}: ${levelLabel(e.level)} is not set up`, blocks: [section(text)] };
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
  if (e.status === 'acknowledged') return `held by <@${e.acknowledgedBy}>${forWhom(e)}`;
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

const SOURCE_LABELS = { default: 'default', workspace: 'workspace default', release: 'this release' } as const;

/** One line per level in force for a release: where it posts, whom, how long, the hours, and where that comes from. */
export function formatLevelsInForce(targets: LevelTargets, where: 'form' | 'message' = 'message'): string[] {
  return ESCALATION_LEVELS.map((level) => {
    const t = targets.get(level);
    if (!t) {
      // In the levels form the fix is the form itself; a message (the form could not open) gives the command.
      if (where === 'form') return `*${levelLabel(level)}*: _not set up_ · pick it under *Level* below`;
      return (
        `*${levelLabel(level)}*: _not set up_ · fix it with \`/release escalation level:${level} channel:#… ping:@…\` ` +
        '(this release) or add `scope:workspace` (admins, every release)'
      );
    }
    const pings = formatPings(t.pings, level === 1 ? "the release's role holders" : '_nobody_');
    return (
      `*${levelLabel(level)}*: <#${t.channelId}> · pings ${pings} · ${formatDuration(t.ackMs)} to acknowledge · ` +
      `climbs ${formatHours(t.hours)} · _from: ${SOURCE_LABELS[t.source]}_`
    );
  });
}

/**
 * What a saved level now does, told to whoever set it (by command or by the levels form): where it posts, whom it
 * pings, how long before it climbs and when, and what belongs there.
 */
export function formatLevelSaved(level: EscalationLevel, setting: LevelSetting, where: string): string[] {
  return [
    `*${levelLabel(level)}* now posts in <#${setting.channelId}> ${where}, pings ${formatPings(setting.pings, level === 1 ? "the release's role holders" : '_nobody_')}, ` +
      `and escalates further after ${formatDuration(setting.ackMs)} without an acknowledgement ` +
      `(the climb runs ${formatHours(hoursFor(level, setting))}).`,
    `_For: ${LEVEL_RULES[level].belongs.join('; ')}._`,
  ];
}

/** The ephemeral answer when the levels form cannot open: the same information as text. */
export function buildLevelsInForceMessage(release: { name: string }, targets: LevelTargets): SlackMessage {
  return {
    text: `Escalation levels for ${escapeMrkdwn(release.name)}`,
    blocks: [
      header(`Escalation levels for ${release.name}`.slice(0, 150)),
      section(formatLevelsInForce(targets).join('\n')),
    ],
  };
}

/**
 * The levels form: the levels in force for this release and where each comes from, then the fields that set one
 * level for this release (the Release Manager) or, for admins, for the workspace.
 */
export function buildLevelsModal(state: {
  release: { id: number; name: string };
  channelId: string;
  targets: LevelTargets;
  admin: boolean;
}): ModalView {
  const text = (label: string, blockId: string, hint: string, placeholder: string) => ({
    type: 'input' as const,
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text' as const, text: label },
    hint: { type: 'plain_text' as const, text: hint },
    element: {
      type: 'plain_text_input' as const,
      action_id: INPUT_ACTION_ID,
      placeholder: { type: 'plain_text' as const, text: placeholder },
    },
  });
  const blocks: KnownBlock[] = [section(formatLevelsInForce(state.targets, 'form').join('\n'))];
  if (state.admin) {
    blocks.push({
      type: 'input',
      block_id: BLOCK_IDS.escalationScope,
      label: { type: 'plain_text', text: 'Set it for' },
      element: {
        type: 'radio_buttons',
        action_id: INPUT_ACTION_ID,
        options: [option('This release only', 'release'), option('Every release (workspace default)', 'workspace')],
        initial_option: option('This release only', 'release'),
      },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: BLOCK_IDS.escalationLevel,
      label: { type: 'plain_text', text: 'Level' },
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        options: ESCALATION_LEVELS.map((level) => option(levelLabel(level), String(level))),
      },
    },
    {
      type: 'input',
      block_id: BLOCK_IDS.escalationChannel,
      label: { type: 'plain_text', text: 'Posts in' },
      element: { type: 'conversations_select', action_id: INPUT_ACTION_ID, filter: { include: ['public', 'private'] } },
    },
    {
      type: 'input',
      block_id: BLOCK_IDS.escalationPings,
      optional: true,
      label: { type: 'plain_text', text: 'Pings' },
      hint: { type: 'plain_text', text: 'To ping a user group, use the command: ping:@group.' },
      element: { type: 'multi_users_select', action_id: INPUT_ACTION_ID },
    },
    text('Time to acknowledge', BLOCK_IDS.escalationAck, 'Before it climbs: 30m, 15m, 10m by default.', '15m'),
    text('Hours', BLOCK_IDS.escalationHours, 'The climb pauses outside them, or "always".', '09:00-17:00'),
    text('Days', BLOCK_IDS.escalationDays, 'The days the hours apply to.', 'mon-fri'),
  );
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.configureEscalation,
    private_metadata: JSON.stringify({ releaseId: state.release.id, channelId: state.channelId }),
    title: { type: 'plain_text', text: 'Escalation levels' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}
