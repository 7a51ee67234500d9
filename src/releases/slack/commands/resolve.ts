import { emphasized, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { problem } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply } from '../../../platform/slack/commands/types.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { findReleaseForReading } from '../../usecases/informed-of.ts';
import { resolveRelease } from '../../usecases/resolve-release.ts';

/**
 * A release named from outside its own channel is shown only to members of that channel: otherwise any channel the
 * bot is in could read a private release channel's record.
 */
async function refuseOutsider(ctx: CommandContext<ReleasesDeps>, release: Release): Promise<CommandReply | undefined> {
  if (release.channelId === ctx.channelId) return undefined;
  if (await ctx.deps.channels.isMember(release.channelId, ctx.userId)) return undefined;
  return problem(
    `${releaseLabel(release)} belongs to a channel you are not in; only its members can look at it from elsewhere. ` +
      'Ask to be added to that channel, or run the command there.',
  );
}

/** The release the command acts on, or the reply that explains why there is none. */
export async function releaseFor(
  ctx: CommandContext<ReleasesDeps>,
  options: { activeOnly?: boolean } = {},
): Promise<{ release: Release } | { reply: CommandReply }> {
  const name = ctx.parsed.options.get('release');
  const found = await resolveRelease(
    ctx.deps.store.releases,
    { teamId: ctx.teamId, channelId: ctx.channelId, releaseName: name },
    options,
  );
  if (!found.ok) return { reply: problem(found.message) };
  const refused = name ? await refuseOutsider(ctx, found.release) : undefined;
  return refused ? { reply: refused } : { release: found.release };
}

/** The release a read-only command (checklist, raci, export) looks at, or the reply that explains why there is none. */
export async function readingRelease(
  ctx: CommandContext<ReleasesDeps>,
): Promise<{ release: Release } | { reply: CommandReply }> {
  const name = ctx.parsed.options.get('release');
  const release = await findReleaseForReading(ctx.deps, {
    teamId: ctx.teamId,
    channelId: ctx.channelId,
    releaseName: name,
  });
  if (release) {
    const refused = name ? await refuseOutsider(ctx, release) : undefined;
    return refused ? { reply: refused } : { release };
  }
  return {
    reply: problem(
      name
        ? `There is no release named *${emphasized(name)}* in this workspace.`
        : 'This channel has no release. Create one here, or name another with `release:&lt;name&gt;`.',
    ),
  };
}
