import type { HomeView, KnownBlock } from '@slack/types';
import type { PagedItem } from '../../../core/contributions.ts';
import { emphasized } from '../../../core/domain/markup.ts';
import { STATUS_LABELS } from '../../../core/domain/release.ts';
import { ROLE_LABELS } from '../../../core/domain/roles.ts';
import { formatDate, formatDaysToTarget } from '../../../platform/slack/views/format.ts';
import { context, header, section } from '../../../platform/slack/views/message.ts';
import type { HomeItem } from '../../usecases/release-overview.ts';

const MAX_HOME_BLOCKS = 100;

/**
 * The App Home: a header, then per release: its name and channel, the person's roles, days to target, and the list
 * of what is waiting for them; an empty state that says how to start.
 */
export function buildAppHomeView(items: HomeItem[], paged: PagedItem[] = [], notice?: string): HomeView {
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(context(notice));
  blocks.push(...pagedBlocks(paged), header('Your releases'));
  if (items.length === 0) {
    blocks.push(
      section(
        'You hold no role in an active release.\nCreate one in a channel with `/release create &lt;name&gt; target:YYYY-MM-DD`, ' +
          'or ask its Release Manager to give you a role.',
      ),
    );
  }
  for (const item of items) {
    if (blocks.length > MAX_HOME_BLOCKS - 5) {
      blocks.push(context('More releases are not shown. Use `/release list`.'));
      break;
    }
    const { release } = item;
    const roles = item.roles.map((role) => ROLE_LABELS[role]).join(', ');
    blocks.push(
      { type: 'divider' },
      section(
        `*${emphasized(release.name)}* in <#${release.channelId}> · ${STATUS_LABELS[release.status]}\n` +
          `Your role: ${roles}\nTarget ${formatDate(release.targetDate)} (${formatDaysToTarget(item.daysToTarget)})`,
      ),
      section(
        item.waiting.length === 0
          ? ':white_check_mark: Nothing is waiting for you.'
          : `*Waiting for you*\n${item.waiting
              .slice(0, 20)
              .map((line) => `• ${line}`)
              .join('\n')}`,
      ),
    );
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
