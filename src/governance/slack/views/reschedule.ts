import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import type { ReleaseDates } from '../../../core/domain/schedule-change.ts';
import { formatDate } from '../../../platform/slack/views/format.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import { describeReschedule } from '../../domain/reschedule.ts';

/**
 * The channel announcement of a reschedule: what moved, who moved it and why, and what follows from it.
 * section (what moved, reason) · context (the cadence follows; how on-time delivery is measured).
 */
export function buildRescheduleAnnouncement(input: {
  release: Release;
  before: ReleaseDates;
  actorId: string;
  reason: string;
  count: number;
  originalTarget: string;
}): SlackMessage {
  const { release } = input;
  const moved = describeReschedule(input.before, release);
  const text =
    `:spiral_calendar_pad: ${releaseLabel(release)} was rescheduled by <@${input.actorId}>: ${moved}.\n` +
    `*Reason:* ${truncate(escapeMrkdwn(input.reason), 1500)}`;
  const nth = input.count === 1 ? 'its first reschedule' : `reschedule ${input.count} of this release`;
  return {
    text: `${escapeMrkdwn(release.name)} was rescheduled: ${moved}`,
    blocks: [
      section(text),
      context(
        `This is ${nth}. Standups and weekly risk reviews now follow the new dates (\`/release schedule\` shows the ` +
          `next runs). On-time delivery is measured against the original target (${formatDate(input.originalTarget)}) ` +
          `and against the final one.`,
      ),
    ],
  };
}
