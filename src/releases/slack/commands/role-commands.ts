import { type Failure, fail } from '../../../core/deps.ts';
import { code, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import {
  holdersOf,
  isReleaseManager,
  parseRole,
  ROLE_KEYWORDS,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '../../../core/domain/roles.ts';
import { parseUserMention } from '../../../platform/slack/command-text.ts';
import { notice, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { CommandReply, Subcommand } from '../../../platform/slack/commands/types.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { assignRoles, whyCannotManageRoles } from '../../usecases/assign-roles.ts';
import { endAbsence, setAbsence } from '../../usecases/set-absence.ts';
import { unassignRole } from '../../usecases/unassign-role.ts';
import { buildRolesModal } from '../views/roles-modal.ts';
import { releaseFor } from './resolve.ts';

const ROLE_LIST = ROLES.map((role) => `\`${ROLE_KEYWORDS[role]}\``).join(', ');

function parseRoleAndPeople(
  sub: Subcommand<ReleasesDeps>,
  words: string[],
): { role: Role; userIds: string[] } | { reply: CommandReply } {
  const [roleWord, ...people] = words;
  if (!roleWord) return { reply: usageError(sub, `Say which role: ${ROLE_LIST}.`) };
  const role = parseRole(roleWord);
  if (!role) return { reply: usageError(sub, `${code(roleWord)} is not a role. Roles: ${ROLE_LIST}.`) };
  const userIds: string[] = [];
  for (const word of people) {
    const userId = parseUserMention(word);
    if (!userId) {
      return {
        reply: usageError(sub, `${code(word)} is not a mention. Type @ and pick the person so Slack links them.`),
      };
    }
    userIds.push(userId);
  }
  if (userIds.length === 0) return { reply: usageError(sub, `Mention who gets the ${ROLE_LABELS[role]} role.`) };
  return { role, userIds };
}

const role: Subcommand<ReleasesDeps> = {
  name: 'role',
  topic: 'people',
  usage: '/release role <rm|tech-lead|qa|devops|po> <@person>…',
  summary: 'Give a role to one or more people. The Release Manager only; anyone while there is none.',
  example: '/release role qa @dana @lee',
  details:
    'The Release Manager must be a person: bots, app users, Slackbot and deactivated accounts are refused. ' +
    'A release has one Release Manager; naming a new one hands the role over.',
  options: [],
  async run(ctx) {
    const parsed = parseRoleAndPeople(this, ctx.parsed.words);
    if ('reply' in parsed) return parsed.reply;
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const result = await assignRoles(ctx.deps, {
      release: found.release,
      actorId: ctx.userId,
      role: parsed.role,
      userIds: parsed.userIds,
    });
    if (!result.ok) return problem(result.message);
    const label = ROLE_LABELS[parsed.role];
    if (result.added.length === 0)
      return notice(
        `${mentionAll(result.alreadyHeld)} already ${result.alreadyHeld.length === 1 ? 'holds' : 'hold'} the ${label} role.`,
      );
    const handover = result.replacedReleaseManager ? ` (taking over from <@${result.replacedReleaseManager}>)` : '';
    return {
      inChannel: buildNoticeMessage(
        `<@${ctx.userId}> made ${mentionAll(result.added)} ${label}${handover} on ${releaseLabel(found.release)}.`,
      ),
    };
  },
};

/** The roles form for `userId`, filled with who holds each role: `/release roles` and the "Assign roles" button. */
export async function openRolesForm(
  deps: ReleasesDeps,
  input: { release: Release; userId: string; triggerId: string },
): Promise<{ ok: true } | Failure> {
  const { release, userId } = input;
  const denied = await whyCannotManageRoles(release, deps, userId);
  if (denied) return fail(denied);
  const assignments = await deps.store.releases.assignments(release.id);
  const opened = await deps.modals.open({
    triggerId: input.triggerId,
    userId,
    view: buildRolesModal({
      releaseId: release.id,
      releaseLabel: releaseLabel(release),
      holders: Object.fromEntries(ROLES.map((r) => [r, holdersOf(assignments, r)])) as Record<Role, string[]>,
      mayTakeBack: isReleaseManager(assignments, userId),
    }),
  });
  return opened.ok ? { ok: true } : fail(opened.message);
}

const roles: Subcommand<ReleasesDeps> = {
  name: 'roles',
  topic: 'people',
  gettingStarted: 2,
  usage: '/release roles',
  summary:
    'Set all five roles in one form, a person picker per role. The Release Manager only; anyone while there is none.',
  example: '/release roles',
  details:
    'The pickers start with who holds each role. Saving checks everything first and changes nothing if one pick is ' +
    'refused (the Release Manager must be a person), then posts one message listing the roles. Removing someone ' +
    'takes the role back only when the Release Manager saves the form.',
  options: [],
  async run(ctx) {
    const [word] = ctx.parsed.words;
    if (word) {
      return usageError(
        this,
        `\`/release roles\` opens a form and takes no ${code(word)}. For one role: \`/release role\`.`,
      );
    }
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const opened = await openRolesForm(ctx.deps, {
      release: found.release,
      userId: ctx.userId,
      triggerId: ctx.triggerId,
    });
    return opened.ok ? { none: true } : problem(opened.message);
  },
};

const unrole: Subcommand<ReleasesDeps> = {
  name: 'unrole',
  topic: 'people',
  usage: '/release unrole <rm|tech-lead|qa|devops|po> <@person>',
  summary: 'Take a role back from someone. Release Manager only.',
  example: '/release unrole qa @lee',
  options: [],
  async run(ctx) {
    const parsed = parseRoleAndPeople(this, ctx.parsed.words);
    if ('reply' in parsed) return parsed.reply;
    if (parsed.userIds.length > 1) return usageError(this, 'Take the role back from one person at a time.');
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const userId = parsed.userIds[0] as string;
    const result = await unassignRole(ctx.deps, {
      release: found.release,
      actorId: ctx.userId,
      role: parsed.role,
      userId,
    });
    if (!result.ok) return problem(result.message);
    return {
      inChannel: buildNoticeMessage(
        `<@${ctx.userId}> took the ${ROLE_LABELS[parsed.role]} role on ${releaseLabel(found.release)} back from <@${userId}>.`,
      ),
    };
  },
};

const away: Subcommand<ReleasesDeps> = {
  name: 'away',
  topic: 'people',
  usage: '/release away [until:<YYYY-MM-DD>] [delegate:<@person>] [decide:yes] | /release away off',
  summary: 'Say you are away (today, or until a date), optionally with a delegate who acts for your roles.',
  example: '/release away until:2026-12-04 delegate:@lee',
  details:
    'While you are away you are not reminded, and standups show you as away. Your delegate (a person, not a bot) may ' +
    'vote, answer standups and acknowledge for your roles until the date, recorded as "by @delegate for @you". ' +
    'The Release Manager’s delegate decides only with `decide:yes`. `/release away off` says you are back.',
  options: ['until', 'delegate', 'decide'],
  async run(ctx) {
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const { release } = found;
    const [word] = ctx.parsed.words;
    if (word?.toLowerCase() === 'off' || word?.toLowerCase() === 'back') {
      const ended = await endAbsence(ctx.deps, release, ctx.userId);
      return notice(
        ended
          ? `Welcome back: you are no longer away from ${releaseLabel(release)}.`
          : `You were not marked away from ${releaseLabel(release)}.`,
      );
    }
    if (word) return usageError(this, `${code(word)} is not an away option: use \`until:\`, \`delegate:\` or \`off\`.`);
    const delegateText = ctx.parsed.options.get('delegate');
    const delegateId = delegateText === undefined ? undefined : parseUserMention(delegateText);
    if (delegateText !== undefined && !delegateId)
      return usageError(this, `${code(delegateText)} is not a mention: write \`delegate:@name\` and pick the person.`);
    const result = await setAbsence(ctx.deps, {
      release,
      actorId: ctx.userId,
      until: ctx.parsed.options.get('until'),
      delegateId,
      decide: ctx.parsed.options.get('decide'),
    });
    if (!result.ok) return usageError(this, result.message);
    const { absence } = result;
    const delegate = absence.delegateId
      ? ` <@${absence.delegateId}> acts for your roles${absence.mayDecide ? ', deciding included' : ''}.`
      : '';
    return notice(
      `You are away from ${releaseLabel(release)} through ${absence.untilDate}: you will not be reminded.${delegate}`,
    );
  },
};

export const ROLE_SUBCOMMANDS: Subcommand<ReleasesDeps>[] = [role, roles, unrole, away];
