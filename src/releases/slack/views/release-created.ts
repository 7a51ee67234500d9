import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { holdersOf } from '../../../core/domain/roles.ts';
import { formatDate, formatDaysToTarget } from '../../../platform/slack/views/format.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import type { ReleaseOverview } from '../../usecases/release-overview.ts';

/** Posted in the channel when a release is created: what it is, and the next step. */
export function buildReleaseCreatedMessage(
  overview: ReleaseOverview,
  options: { joined: boolean; notes?: string[] },
): SlackMessage {
  const { release } = overview;
  const window =
    release.windowStart && release.windowEnd ? `\nRelease window ${release.windowStart} → ${release.windowEnd}` : '';
  const next =
    holdersOf(overview.assignments, 'rm').length === 0
      ? 'Next: name the Release Manager with `/release role rm @person`, then the other roles.'
      : 'Next: `/release status` shows it at a glance.';
  const blocks = [
    section(
      `:rocket: <@${release.createdBy}> created release ${releaseLabel(release)}\n` +
        `Target ${formatDate(release.targetDate)} (${formatDaysToTarget(overview.daysToTarget)}), ` +
        `${release.timeZone}${window}`,
    ),
    section(next),
  ];
  for (const note of options.notes ?? []) blocks.push(context(note));
  if (!options.joined) {
    blocks.push(
      context('I could not join this channel by myself. Invite me with `/invite @release-bot` so I can post.'),
    );
  }
  return { text: `Release ${escapeMrkdwn(release.name)} created, target ${release.targetDate}`, blocks };
}
