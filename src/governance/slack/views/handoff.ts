import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import { holdersOf, ROLE_LABELS } from '../../../core/domain/roles.ts';
import { ACTION_IDS } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import type { HandoffView } from '../../usecases/take-handoff-step.ts';

export function handoffButtonValue(releaseId: number, key: string): string {
  return JSON.stringify({ r: releaseId, k: key });
}

/**
 * A handoff as posted in the channel: header · steps · sign-off and confirmation state · buttons for whichever step
 * is still open · context (order rule).
 */
export function buildHandoffMessage(view: HandoffView): SlackMessage {
  const { definition, state, release } = view;
  const from = `${ROLE_LABELS[definition.from]} (${mentionAll(holdersOf(view.assignments, definition.from), '_unassigned_')})`;
  const to = `${definition.receiverLabel}: ${ROLE_LABELS[definition.to]} (${mentionAll(holdersOf(view.assignments, definition.to), '_unassigned_')})`;
  const signed = state.signedOffAt
    ? `:white_check_mark: Signed off by <@${state.signedOffBy}> ${formatInstant(state.signedOffAt)}`
    : `:hourglass: Waiting for the sign-off of the ${from}`;
  const confirmed = state.confirmedAt
    ? `:white_check_mark: Confirmed by <@${state.confirmedBy}> ${formatInstant(state.confirmedAt)}`
    : `:hourglass: Waiting for confirmation by ${to}`;
  const blocks: KnownBlock[] = [
    header(`Handoff ${definition.title} · ${release.name}`),
    section(`*Steps*\n${definition.steps.map((s) => `• ${s}`).join('\n')}`),
    section(`${signed}\n${confirmed}`),
  ];
  const buttons = [];
  if (!state.signedOffAt)
    buttons.push({
      type: 'button' as const,
      action_id: ACTION_IDS.handoffSignOff,
      style: 'primary' as const,
      text: { type: 'plain_text' as const, text: `Sign off (${ROLE_LABELS[definition.from]})` },
      value: handoffButtonValue(release.id, definition.key),
    });
  if (!state.confirmedAt)
    buttons.push({
      type: 'button' as const,
      action_id: ACTION_IDS.handoffConfirm,
      text: { type: 'plain_text' as const, text: `Confirm (${ROLE_LABELS[definition.to]})` },
      value: handoffButtonValue(release.id, definition.key),
    });
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const order = view.previous
    ? view.previous.confirmed
      ? `The previous handoff (${view.previous.definition.title}) is confirmed.`
      : `This handoff can be confirmed once ${view.previous.definition.title} is confirmed.`
    : 'This is the first handoff.';
  blocks.push(context(order));
  const done = state.confirmedAt ? 'complete' : state.signedOffAt ? 'signed off' : 'open';
  return { text: `Handoff ${definition.title} for ${escapeMrkdwn(release.name)}: ${done}`, blocks };
}
