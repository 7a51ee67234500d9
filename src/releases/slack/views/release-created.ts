import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { holdersOf, ROLE_KEYWORDS, ROLE_LABELS, ROLES, type RoleAssignment } from '../../../core/domain/roles.ts';
import { ACTION_IDS } from '../../../core/ids.ts';
import { formatDate, formatDaysToTarget } from '../../../platform/slack/views/format.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import type { ReleaseOverview } from '../../usecases/release-overview.ts';

/** What the release needs next, read from who holds the roles now. */
export type ReleaseNextStep = 'name_rm' | 'name_roles' | 'run';

export function releaseNextStep(assignments: readonly RoleAssignment[]): ReleaseNextStep {
  if (holdersOf(assignments, 'rm').length === 0) return 'name_rm';
  return ROLES.every((role) => holdersOf(assignments, role).length > 0) ? 'run' : 'name_roles';
}

function button(label: string, actionId: string, value: string) {
  return { type: 'button' as const, text: { type: 'plain_text' as const, text: label }, action_id: actionId, value };
}

function nextBlocks(overview: ReleaseOverview): KnownBlock[] {
  const { release, assignments } = overview;
  const value = String(release.id);
  const step = releaseNextStep(assignments);
  if (step === 'run') {
    return [
      section(
        '*Next:* every role is named. Configure the standup (`/release standup config`), then open the go/no-go ' +
          '(`/release gonogo`) when the release is ready.',
      ),
      {
        type: 'actions',
        block_id: 'release_next',
        elements: [
          button('Configure standup', ACTION_IDS.standupConfigure, value),
          button('Open go/no-go', ACTION_IDS.pollOpenGoNoGo, value),
        ],
      },
    ];
  }
  const missing = ROLES.filter((role) => holdersOf(assignments, role).length === 0);
  const text =
    step === 'name_rm'
      ? '*Next:* name the Release Manager with `/release role rm @person` (anyone may, until there is one), then ' +
        'the other roles, or set all five in one form.'
      : `*Next:* name the ${missing.map((role) => ROLE_LABELS[role]).join(', ')}: ` +
        `${missing.map((role) => `\`/release role ${ROLE_KEYWORDS[role]} @person\``).join(', ')}, or all in one form.`;
  return [
    section(text),
    {
      type: 'actions',
      block_id: 'release_next',
      elements: [button('Assign roles', ACTION_IDS.rolesOpen, value)],
    },
  ];
}

/**
 * Posted in the channel when a release is created, and re-rendered from the database whenever a role changes
 * (`gateways/created-message.ts`): what the release is, who holds each role, and the true next step, with only the
 * buttons that still apply.
 */
export function buildReleaseCreatedMessage(
  overview: ReleaseOverview,
  options: { joined: boolean; notes?: string[] },
): SlackMessage {
  const { release, assignments } = overview;
  const window =
    release.windowStart && release.windowEnd ? `\nRelease window ${release.windowStart} → ${release.windowEnd}` : '';
  const roles = ROLES.map((role) => {
    const holders = holdersOf(assignments, role);
    return `• *${ROLE_LABELS[role]}*: ${holders.length > 0 ? holders.map((id) => `<@${id}>`).join(', ') : '_not named yet_'}`;
  });
  const blocks: KnownBlock[] = [
    section(
      `:rocket: <@${release.createdBy}> created release ${releaseLabel(release)}\n` +
        `Target ${formatDate(release.targetDate)} (${formatDaysToTarget(overview.daysToTarget)}), ` +
        `${release.timeZone}${window}`,
    ),
    section(`*Roles*\n${roles.join('\n')}`),
    ...nextBlocks(overview),
  ];
  for (const note of options.notes ?? []) blocks.push(context(note));
  if (!options.joined) {
    blocks.push(
      context('I could not join this channel by myself. Invite me with `/invite @release-bot` so I can post.'),
    );
  }
  return { text: `Release ${escapeMrkdwn(release.name)} created, target ${release.targetDate}`, blocks };
}
