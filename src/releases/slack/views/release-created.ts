import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { formatDate, formatDaysToTarget } from '../../../platform/slack/views/format.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import type { ReleaseOverview } from '../../usecases/release-overview.ts';

/**
 * Posted in the channel when a release is created: what it is. The next step is on the roles card that follows it
 * (`roles-card.ts`), which is kept true as roles change; this message, a command's answer, cannot be.
 */
export function buildReleaseCreatedMessage(
  overview: ReleaseOverview,
  options: { joined: boolean; notes?: string[] },
): SlackMessage {
  const { release } = overview;
  const window =
    release.windowStart && release.windowEnd ? `\nRelease window ${release.windowStart} → ${release.windowEnd}` : '';
  const blocks = [
    section(
      `:rocket: <@${release.createdBy}> created release ${releaseLabel(release)}\n` +
        `Target ${formatDate(release.targetDate)} (${formatDaysToTarget(overview.daysToTarget)}), ` +
        `${release.timeZone}${window}`,
    ),
  ];
  for (const note of options.notes ?? []) blocks.push(context(note));
  if (!options.joined) {
    blocks.push(
      context('I could not join this channel by myself. Invite me with `/invite @release-bot` so I can post.'),
    );
  }
  return { text: `Release ${escapeMrkdwn(release.name)} created, target ${release.targetDate}`, blocks };
}
