import type { KnownBlock, ModalView } from '@slack/types';
import { emphasized, escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { holdersOf, ROLE_LABELS } from '../../../core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll, truncate } from '../../../platform/slack/views/mrkdwn.ts';
import { CHECKLIST_OVERRIDE_AREA } from '../../domain/authority.ts';
import { type ChecklistItem, isTicked, MAX_EVIDENCE_URL } from '../../domain/checklist.ts';
import type { ChecklistView } from '../../usecases/get-checklist.ts';

/** What a checklist button carries: the release and the item. */
export function checklistButtonValue(releaseId: number, key: string): string {
  return JSON.stringify({ r: releaseId, k: key });
}

function itemLine(item: ChecklistItem, view: ChecklistView): string {
  const owners = mentionAll(holdersOf(view.assignments, item.owner), '_unassigned_');
  const head = `${isTicked(item) ? ':white_check_mark:' : ':white_large_square:'} *${emphasized(item.label)}* · ${ROLE_LABELS[item.owner]} (${owners})`;
  if (!item.tickedAt) return head;
  const evidence = item.evidenceUrl ? ` · <${item.evidenceUrl.replaceAll('&', '&amp;')}|evidence>` : '';
  return `${head}\nTicked by <@${item.tickedBy}> ${formatInstant(item.tickedAt)}${evidence}`;
}

/**
 * The release checklist with interactive items:
 * header (name, ticked count) · one section per item with a Tick… / Untick button · context (the gate).
 */
export function buildChecklistMessage(view: ChecklistView): SlackMessage {
  const { release, items, gate } = view;
  const ticked = items.filter(isTicked).length;
  const blocks: KnownBlock[] = [header(`Checklist · ${release.name} · ${ticked}/${items.length} ticked`)];
  for (const item of items) {
    const done = isTicked(item);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(itemLine(item, view), 3000) },
      accessory: {
        type: 'button',
        action_id: done ? ACTION_IDS.checklistUntick : ACTION_IDS.checklistTick,
        text: { type: 'plain_text', text: done ? 'Untick' : 'Tick…' },
        value: checklistButtonValue(release.id, item.key),
      },
    });
  }
  let gateLine: string;
  if (gate.canGoWithoutOverride)
    gateLine = ':large_green_circle: Every item is ticked: the checklist does not hold up Go.';
  else if (gate.coveredByOverride && view.override?.area === CHECKLIST_OVERRIDE_AREA)
    gateLine = `:large_yellow_circle: ${gate.open.length} open, accepted for Go by <@${view.override.decidedBy}>: “${escapeMrkdwn(view.override.rationale ?? '')}”`;
  else
    gateLine = `:red_circle: ${gate.open.length} open. Go needs every item ticked, or the Release Manager’s \`/release checklist override &lt;reason&gt;\`.`;
  blocks.push(context(`${gateLine}\nItems are ticked by their owner role or the Release Manager.`));
  return { text: `Checklist for ${escapeMrkdwn(release.name)}: ${ticked} of ${items.length} ticked`, blocks };
}

export type EvidenceModalState = { releaseId: number; key: string; label: string; channelId: string };

/** "Tick item" modal: the item, and an optional evidence link (validated on submit). */
export function buildEvidenceModal(state: EvidenceModalState): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.checklistEvidence,
    private_metadata: JSON.stringify({ r: state.releaseId, k: state.key, c: state.channelId }),
    title: { type: 'plain_text', text: 'Tick checklist item' },
    submit: { type: 'plain_text', text: 'Tick' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`:white_check_mark: *${emphasized(state.label)}*`),
      {
        type: 'input',
        block_id: BLOCK_IDS.evidenceUrl,
        optional: true,
        label: { type: 'plain_text', text: 'Evidence link (optional)' },
        hint: { type: 'plain_text', text: 'A CI run, a report or a ticket that shows the item is done.' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          max_length: MAX_EVIDENCE_URL,
          placeholder: { type: 'plain_text', text: 'https://…' },
        },
      },
    ],
  };
}

/**
 * The channel announcement of a checklist override (Go accepted with items open): who, which items, and the reason.
 * Posted by `/release checklist override` and by the Decide Go form when it carries an override reason.
 */
export function buildOverrideAnnouncement(input: {
  actorId: string;
  release: { name: string };
  openLabels: readonly string[];
  reason: string;
}): SlackMessage {
  const n = input.openLabels.length;
  const items = truncate(input.openLabels.map(escapeMrkdwn).join(', '), 1200);
  const text =
    `:warning: <@${input.actorId}> accepted Go on ${releaseLabel(input.release)} with ${n} checklist item${n === 1 ? '' : 's'} open: ${items}.\n` +
    `*Reason:* ${truncate(escapeMrkdwn(input.reason), 1500)}`;
  return { text, blocks: [section(text)] };
}
