import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { holdersOf, ROLE_KEYWORDS, ROLE_LABELS, ROLES, type RoleAssignment } from '../../../core/domain/roles.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';

/**
 * The release's roles and the next step, a view of who holds each role now: posted when the release is created and
 * re-rendered whenever a role changes, so it never asks for a role that is already named.
 */
export function buildRolesCard(input: { release: Release; assignments: readonly RoleAssignment[] }): SlackMessage {
  const { release, assignments } = input;
  const missing = ROLES.filter((role) => holdersOf(assignments, role).length === 0);
  const lines = ROLES.map((role) => {
    const holders = holdersOf(assignments, role);
    return `*${ROLE_LABELS[role]}*: ${holders.length > 0 ? holders.map((u) => `<@${u}>`).join(', ') : '_not named yet_'}`;
  });
  const next = missing.includes('rm')
    ? 'Next: name the Release Manager with `/release role rm @person`, then the other roles.'
    : missing.length > 0
      ? `Next: name the ${missing.map((r) => ROLE_LABELS[r]).join(', ')} with ${missing
          .map((r) => `\`/release role ${ROLE_KEYWORDS[r]} @person\``)
          .join(', ')}.`
      : ':white_check_mark: Every role is named. Next: `/release status` shows the release at a glance.';
  const blocks: KnownBlock[] = [section(`*Roles · ${escapeMrkdwn(release.name)}*\n${lines.join('\n')}`), section(next)];
  if (missing.length > 0) blocks.push(context('This message follows the roles as they change.'));
  return { text: `Roles for ${escapeMrkdwn(release.name)}: ${next}`, blocks };
}
