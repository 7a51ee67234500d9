import type { KnownBlock } from '@slack/types';
import {
  ACTIVITIES,
  ACTIVITY_LABELS,
  type Activity,
  DEFAULT_RACI,
  RACI_LETTERS,
  rolesWithLetter,
} from '../../../core/domain/raci.ts';
import { holdersOf, ROLE_LABELS, type RoleAssignment } from '../../../core/domain/roles.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';

const LETTER_NAMES = { R: 'Responsible', A: 'Accountable', C: 'Consulted', I: 'Informed' } as const;

function activityLines(activity: Activity, assignments: readonly RoleAssignment[] | undefined): string {
  return RACI_LETTERS.map((letter) => {
    const roles = rolesWithLetter(DEFAULT_RACI, activity, letter);
    const who = roles
      .map((role) =>
        assignments
          ? `${ROLE_LABELS[role]} (${mentionAll(holdersOf(assignments, role), '_unassigned_')})`
          : ROLE_LABELS[role],
      )
      .join(', ');
    return `*${letter}* ${LETTER_NAMES[letter]}: ${who || '—'}`;
  }).join('\n');
}

/**
 * The RACI matrix of "Release Responsibilities": every activity, or one, with the current holders of each role when
 * a release is known.
 */
export function buildRaciMessage(input: {
  activity?: Activity | undefined;
  releaseName?: string | undefined;
  assignments?: readonly RoleAssignment[] | undefined;
}): SlackMessage {
  const activities = input.activity ? [input.activity] : [...ACTIVITIES];
  const blocks: KnownBlock[] = [
    header(input.activity ? `RACI · ${ACTIVITY_LABELS[input.activity]}` : 'RACI matrix'),
    ...activities.map((a) => section(`*${ACTIVITY_LABELS[a]}*\n${activityLines(a, input.assignments)}`)),
    context(
      input.releaseName
        ? `Holders on release ${input.releaseName}. R does the work, A has final authority, C gives input, I is kept updated.`
        : 'No release in this channel, so no holders are shown. R does the work, A has final authority, C gives input, I is kept updated.',
    ),
  ];
  return { text: input.activity ? `RACI for ${ACTIVITY_LABELS[input.activity]}` : 'RACI matrix', blocks };
}
