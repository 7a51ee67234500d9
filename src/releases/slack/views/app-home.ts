import type { HomeView, KnownBlock } from '@slack/types';
import { HOME_URGENCY, type PagedItem } from '../../../core/contributions.ts';
import { emphasized } from '../../../core/domain/markup.ts';
import { STATUS_LABELS } from '../../../core/domain/release.ts';
import { ROLE_LABELS } from '../../../core/domain/roles.ts';
import { formatDate, formatDaysToTarget } from '../../../platform/slack/views/format.ts';
import { context, header, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import type { HomeItem } from '../../usecases/release-overview.ts';

/** Slack's limit for a Home tab. */
export const MAX_HOME_BLOCKS = 100;
/** Items with a button shown per release card; the rest are counted. */
const MAX_ACTIONS_PER_CARD = 6;

function actionBlock(action: HomeItem['actions'][number]): KnownBlock {
  const text = { type: 'mrkdwn' as const, text: truncate(action.text, 3000) };
  if (!action.button) return { type: 'section', text };
  const { button } = action;
  return {
    type: 'section',
    text,
    accessory: {
      type: 'button',
      action_id: button.actionId,
      text: { type: 'plain_text', text: button.label },
      ...(button.value === undefined ? {} : { value: button.value }),
      ...(button.url === undefined ? {} : { url: button.url }),
      ...(button.style === undefined ? {} : { style: button.style }),
    },
  };
}

/** One release: what it is, my roles, the days left, then my open items as buttons and what else waits for me. */
function card(item: HomeItem): KnownBlock[] {
  const { release } = item;
  const roles =
    item.roles.length > 0
      ? `Your role: ${item.roles.map((role) => ROLE_LABELS[role]).join(', ')}`
      : 'You hold no role here';
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    section(
      `*${emphasized(release.name)}* in <#${release.channelId}> · ${STATUS_LABELS[release.status]} · ` +
        `target ${formatDate(release.targetDate)} (${formatDaysToTarget(item.daysToTarget)})\n${roles}`,
    ),
  ];
  // The Release Manager's own buttons (go/no-go, configure, export) stay on the card however much else is open.
  const manage = item.actions.filter((a) => a.urgency >= HOME_URGENCY.manage);
  const open = item.actions.filter((a) => a.urgency < HOME_URGENCY.manage);
  const shown = [...open.slice(0, MAX_ACTIONS_PER_CARD), ...manage];
  blocks.push(...shown.map(actionBlock));
  if (item.waiting.length > 0) {
    blocks.push(
      section(
        truncate(
          item.waiting
            .slice(0, 10)
            .map((line) => `• ${line}`)
            .join('\n'),
          3000,
        ),
      ),
    );
  }
  const hidden = item.actions.length - shown.length + Math.max(0, item.waiting.length - 10);
  if (hidden > 0) blocks.push(context(`and ${hidden} more in <#${release.channelId}>`));
  if (item.actions.length === 0 && item.waiting.length === 0) {
    blocks.push(context(':white_check_mark: Nothing is waiting for you.'));
  }
  return blocks;
}

/**
 * The App Home as a dashboard: one card per release I am part of, most urgent first (`getHome` sorts them), my open
 * items as buttons. It stays under Slack's 100 blocks: cards that do not fit are counted in "and N more releases".
 */
export function buildAppHomeView(items: HomeItem[], paged: PagedItem[] = [], notice?: string): HomeView {
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(context(notice));
  blocks.push(...pagedBlocks(paged), header('Your releases'));
  if (items.length === 0) {
    blocks.push(
      section(
        'You hold no role in an active release, and nothing is waiting for you.\n' +
          'Create one in a channel with `/release create` (a form opens), or ask its Release Manager to give you a role.',
      ),
    );
  }
  let shown = 0;
  for (const item of items) {
    const next = card(item);
    // Leave room for the closing "and N more" line.
    if (blocks.length + next.length > MAX_HOME_BLOCKS - 1) break;
    blocks.push(...next);
    shown += 1;
  }
  if (shown < items.length) {
    blocks.push(context(`and ${items.length - shown} more releases: \`/release list\` shows them all.`));
  }
  return { type: 'home', blocks };
}

/** "You are paged": what the person may acknowledge, role or no role, each with its buttons (contributed). */
function pagedBlocks(paged: PagedItem[]): KnownBlock[] {
  if (paged.length === 0) return [];
  const blocks: KnownBlock[] = [header(`You are paged (${paged.length})`)];
  for (const [i, item] of paged.slice(0, 15).entries()) {
    blocks.push(section(item.text), {
      type: 'actions',
      block_id: `paged_${i}`,
      elements: item.buttons.map((b) => ({
        type: 'button' as const,
        action_id: b.actionId,
        text: { type: 'plain_text' as const, text: b.text },
        value: b.value,
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  if (paged.length > 15) blocks.push(context(`…and ${paged.length - 15} more: \`/release escalations\`.`));
  return blocks;
}
