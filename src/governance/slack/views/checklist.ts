import type { KnownBlock, ModalView } from '@slack/types';
import { actorMention } from '../../../core/domain/actors.ts';
import { emphasized, escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { holdersOf, ROLE_LABELS } from '../../../core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll, truncate } from '../../../platform/slack/views/mrkdwn.ts';
import { type ChecklistItem, isTicked, MAX_EVIDENCE_URL } from '../../domain/checklist.ts';
import type { ChecklistView } from '../../usecases/get-checklist.ts';

/** What a checklist button carries: the release and the item. */
export function checklistButtonValue(releaseId: number, key: string): string {
  return JSON.stringify({ r: releaseId, k: key });
}

function itemLine(item: ChecklistItem, view: ChecklistView): string {
  const owners = mentionAll(holdersOf(view.assignments, item.owner), '_unassigned_');
  const override = view.gate.overridden[item.key];
  const icon = isTicked(item) ? ':white_check_mark:' : override ? ':warning:' : ':white_large_square:';
  const head = `${icon} *${emphasized(item.label)}* · ${ROLE_LABELS[item.owner]} (${owners})`;
  if (item.tickedAt) {
    const evidence = item.evidenceUrl ? ` · <${item.evidenceUrl.replaceAll('&', '&amp;')}|evidence>` : '';
    const role = roleOf(view, item.tickedBy ?? '', item.owner);
    return `${head}\nTicked by ${actorMention(item.tickedBy ?? '')}${role} ${formatInstant(item.tickedAt)}${evidence}`;
  }
  if (override) {
    return (
      `${head}\nNot ticked: *overridden* by <@${override.by}> (${ROLE_LABELS.rm}) ${formatInstant(override.at)}: ` +
      `“${escapeMrkdwn(truncate(override.reason, 500))}”`
    );
  }
  return head;
}

/** " (QA Lead)" when the person who ticked still holds the owner role, so a tick reads as whose it is. */
function roleOf(view: ChecklistView, userId: string, owner: ChecklistItem['owner']): string {
  return holdersOf(view.assignments, owner).includes(userId) ? ` (${ROLE_LABELS[owner]})` : '';
}

/**
 * The release checklist with interactive items:
 * header (name, ticked count) · one section per item with a Tick… / Untick button · context (the gate).
 * ✅ ticked by its owner · ⚠️ open but overridden by the Release Manager, with the reason · ⬜ open.
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
  const overridden = Object.keys(gate.overridden).length;
  const uncovered = gate.open.length - overridden;
  let gateLine: string;
  if (gate.canGoWithoutOverride)
    gateLine = ':large_green_circle: Every item is ticked: the checklist does not hold up Go.';
  else if (gate.coveredByOverride && view.override)
    gateLine = `:large_yellow_circle: ${gate.open.length} open, accepted for Go by <@${view.override.decidedBy}>: “${escapeMrkdwn(truncate(view.override.rationale ?? '', 500))}”`;
  else
    gateLine =
      `:red_circle: ${uncovered} open${overridden > 0 ? ` (and ${overridden} overridden)` : ''}. Go needs every item ticked, or the ` +
      `${ROLE_LABELS.rm}’s \`/release checklist override [item:&lt;key&gt;] &lt;reason&gt;\`.`;
  blocks.push(
    context(
      `${gateLine}\nEach item is ticked by its owner role only; the ${ROLE_LABELS.rm} may override one with a reason, which is kept apart from the ticks.`,
    ),
  );
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
        label: { type: 'plain_text', text: 'Evidence link' },
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
