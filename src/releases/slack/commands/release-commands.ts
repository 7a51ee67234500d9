import { releaseLabel } from '../../../core/domain/markup.ts';
import { LIFECYCLE_ACTIONS, type LifecycleAction, type Release } from '../../../core/domain/release.ts';
import { freeText } from '../../../platform/slack/command-text.ts';
import { ephemeral, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply, Subcommand } from '../../../platform/slack/commands/types.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import { postMetadata } from '../../../platform/slack/post-once.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { changeReleaseStatus, type EndingAction } from '../../usecases/change-release-status.ts';
import { createRelease, creatorTimeZone } from '../../usecases/create-release.ts';
import { informedOfLifecycle } from '../../usecases/informed-of.ts';
import { getReleaseOverview, listActiveReleases } from '../../usecases/release-overview.ts';
import { createdMessageKey } from '../gateways/created-message.ts';
import { buildCreateReleaseModal } from '../views/create-release-modal.ts';
import { buildReleaseCreatedMessage } from '../views/release-created.ts';
import { buildReleaseListMessage, buildReleaseStatusMessage } from '../views/release-status.ts';
import { releaseFor } from './resolve.ts';
import { buildStatusSections } from './status-sections.ts';

async function openCreateModal(ctx: CommandContext<ReleasesDeps>): Promise<CommandReply> {
  const own = await creatorTimeZone(ctx.deps, ctx.userId);
  const opened = await ctx.deps.modals.open({
    triggerId: ctx.triggerId,
    userId: ctx.userId,
    view: buildCreateReleaseModal({
      channelId: ctx.channelId,
      timeZone: own ?? ctx.deps.defaultTimeZone,
      fromSlack: own !== undefined,
    }),
  });
  return opened.ok ? { none: true } : problem(opened.message);
}

/** Public channels are joined so later posts (polls, reports) can be updated in place; private ones need an invite. */
export async function joinReleaseChannel(
  ctx: Pick<CommandContext<ReleasesDeps>, 'client' | 'deps'>,
  channelId: string,
) {
  try {
    await ctx.client.conversations.join({ channel: channelId });
    return true;
  } catch (error) {
    ctx.deps.logger.info(`could not join ${channelId}; the bot must be invited`, error);
    return false;
  }
}

const create: Subcommand<ReleasesDeps> = {
  name: 'create',
  topic: 'releases',
  gettingStarted: 1,
  usage: '/release create <name> target:<YYYY-MM-DD> [window:<YYYY-MM-DD>..<YYYY-MM-DD>] [tz:<Area/City>]',
  summary: 'Create a release in this channel (with no arguments, opens a form).',
  example: '/release create 2.4.0 target:2026-12-10 window:2026-12-01..2026-12-12 tz:Europe/Berlin',
  details:
    'The release belongs to this channel; a channel runs one active release at a time and names are unique in the ' +
    'workspace. The window is when daily standups run. The time zone defaults to yours.',
  options: ['target', 'window', 'tz'],
  async run(ctx) {
    const { words, options } = ctx.parsed;
    if (words.length === 0 && options.size === 0) return openCreateModal(ctx);
    const name = freeText(words);
    if (!name) return usageError(this, 'Give the release a name.');
    const target = options.get('target');
    if (!target) return usageError(this, 'Give the target date with `target:YYYY-MM-DD`.');
    const window = options.get('window');
    const [windowStart, windowEnd, ...extra] = window ? window.split('..') : [];
    if (window && (extra.length > 0 || !windowStart || !windowEnd)) {
      return usageError(
        this,
        'Write the window as `window:&lt;first day&gt;..&lt;last day&gt;`, two dates joined by `..`.',
      );
    }
    const result = await createRelease(ctx.deps, {
      teamId: ctx.teamId,
      channelId: ctx.channelId,
      actorId: ctx.userId,
      name,
      targetDate: target,
      windowStart,
      windowEnd,
      timeZone: options.get('tz'),
    });
    if (!result.ok) return usageError(this, result.problems.map((p) => p.message).join('\n'));
    const joined = await joinReleaseChannel(ctx, ctx.channelId);
    // The answer carries its key, so the bot finds it again (the response_url tells no ts) to keep it true.
    const message = {
      ...buildReleaseCreatedMessage(await getReleaseOverview(ctx.deps, result.release), {
        joined,
        notes: (await Promise.all(ctx.deps.contributions.createdNotes.map((note) => note(result.release)))).flat(),
      }),
      metadata: postMetadata(createdMessageKey(result.release.id)),
    };
    return { inChannel: message };
  },
};

const status: Subcommand<ReleasesDeps> = {
  name: 'status',
  topic: 'releases',
  usage: '/release status [release:<name>]',
  summary: 'The release at a glance: dates, window, days left, roles and what is open.',
  example: '/release status',
  options: [],
  async run(ctx) {
    const found = await releaseFor(ctx);
    if ('reply' in found) return found.reply;
    const extra = await buildStatusSections(ctx.deps, found.release);
    return ephemeral(buildReleaseStatusMessage(await getReleaseOverview(ctx.deps, found.release), extra));
  },
};

const list: Subcommand<ReleasesDeps> = {
  name: 'list',
  topic: 'releases',
  usage: '/release list',
  summary: 'The active releases of this workspace.',
  example: '/release list',
  options: [],
  async run(ctx) {
    return ephemeral(buildReleaseListMessage(await listActiveReleases(ctx.deps, ctx.teamId)));
  },
};

const LIFECYCLE_SUMMARIES: Record<EndingAction, string> = {
  done: 'Mark a shipped release done: it succeeded. Release Manager or DevOps.',
  rolledback: 'Mark a shipped release rolled back. Release Manager or DevOps.',
  cancel: 'Cancel a release that has not shipped. Release Manager only.',
};

/** `done`, `rolledback` and `cancel`. `ship` belongs to the deployment gate (src/gate), which checks the Go first. */
function lifecycle(action: EndingAction): Subcommand<ReleasesDeps> {
  return {
    name: action,
    topic: 'releases',
    usage: `/release ${action} [release:<name>]`,
    summary: LIFECYCLE_SUMMARIES[action],
    example: `/release ${action}`,
    details:
      'Who may, from the RACI matrix: the Deployment row makes DevOps Accountable and the Release Manager ' +
      'Responsible, so either records `done` and `rolledback`; cancelling is a planning call, the Release Manager’s.',
    options: [],
    async run(ctx) {
      const found = await releaseFor(ctx, { activeOnly: true });
      if ('reply' in found) return found.reply;
      const result = await changeReleaseStatus(ctx.deps, { release: found.release, actorId: ctx.userId, action });
      if (!result.ok) return problem(result.message);
      return announceLifecycle(ctx, result.release, action, ctx.userId);
    },
  };
}

/** Posts a lifecycle change in the channel (not a response_url reply) so the RACI's Informed roles are told in its thread. */
export async function announceLifecycle(
  ctx: CommandContext<ReleasesDeps>,
  release: Release,
  action: LifecycleAction,
  actorId: string,
  extra = '',
): Promise<CommandReply> {
  const at = formatInstant(release.updatedAt);
  const message = buildNoticeMessage(
    `${releaseLabel(release)} was ${LIFECYCLE_ACTIONS[action].verb} by <@${actorId}> ${at}.${extra}`,
  );
  const informed = await informedOfLifecycle(ctx.deps, release, action);
  const ts = await postWithInformed(ctx.client, ctx.deps.logger, ctx.channelId, message, informed);
  return ts ? { none: true } : { inChannel: message };
}

export const RELEASE_SUBCOMMANDS: Subcommand<ReleasesDeps>[] = [
  create,
  status,
  list,
  lifecycle('done'),
  lifecycle('rolledback'),
  lifecycle('cancel'),
];
