import type { KnownBlock } from '@slack/types';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import { STATUS_LABELS } from '../../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, ROLES } from '../../../core/domain/roles.ts';
import { formatDate, formatDaysToTarget, formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import type { ReleaseOverview } from '../../usecases/release-overview.ts';

export function formatRoleLines(overview: Pick<ReleaseOverview, 'assignments'>): string {
  return ROLES.map(
    (role) => `*${ROLE_LABELS[role]}*: ${mentionAll(holdersOf(overview.assignments, role), '_unassigned_')}`,
  ).join('\n');
}

function formatWindow(overview: ReleaseOverview): string {
  const { windowStart, windowEnd } = overview.release;
  return windowStart && windowEnd ? `${formatDate(windowStart)} → ${formatDate(windowEnd)}` : '_not set_';
}

/**
 * The release at a glance:
 * header (name) · fields (status, target and days left, window, time zone) · roles · extra sections · context.
 * `extra` lets each capability add its own lines (open votes, risks, escalations, checklist).
 */
export function buildReleaseStatusMessage(overview: ReleaseOverview, extra: KnownBlock[] = []): SlackMessage {
  const { release } = overview;
  const name = escapeMrkdwn(release.name);
  return {
    text: `${name}: ${STATUS_LABELS[release.status]}, target ${release.targetDate}`,
    blocks: [
      header(`Release ${release.name}`),
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Status*\n${STATUS_LABELS[release.status]}` },
          {
            type: 'mrkdwn',
            text: `*Target*\n${formatDate(release.targetDate)} (${formatDaysToTarget(overview.daysToTarget)})`,
          },
          { type: 'mrkdwn', text: `*Release window*\n${formatWindow(overview)}` },
          { type: 'mrkdwn', text: `*Time zone*\n${release.timeZone}` },
        ],
      },
      section(formatRoleLines(overview)),
      ...extra,
      context(
        `*${name}* in <#${release.channelId}> · created by <@${release.createdBy}> ${formatInstant(release.createdAt)}`,
      ),
    ],
  };
}

export function buildReleaseListMessage(overviews: ReleaseOverview[]): SlackMessage {
  if (overviews.length === 0) {
    return {
      text: 'No active releases',
      blocks: [
        section(
          'No active releases in this workspace. Start one with `/release create &lt;name&gt; target:&lt;date&gt;`.',
        ),
      ],
    };
  }
  const shown = overviews.slice(0, 45);
  const blocks: KnownBlock[] = [header(`Active releases (${overviews.length})`)];
  for (const overview of shown) {
    const { release } = overview;
    const managers = holdersOf(overview.assignments, 'rm');
    const rm = managers.length > 0 ? `RM ${mentionAll(managers)}` : '_no RM yet_';
    blocks.push(
      section(
        `*${emphasized(release.name)}* · <#${release.channelId}> · ${STATUS_LABELS[release.status]}\n` +
          `Target ${formatDate(release.targetDate)} (${formatDaysToTarget(overview.daysToTarget)}) · ${rm}`,
      ),
    );
  }
  if (overviews.length > shown.length) blocks.push(context(`…and ${overviews.length - shown.length} more.`));
  return { text: `${overviews.length} active releases`, blocks };
}
