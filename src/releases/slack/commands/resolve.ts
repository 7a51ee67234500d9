import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { problem } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply } from '../../../platform/slack/commands/types.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { findReleaseForReading } from '../../usecases/informed-of.ts';
import { resolveRelease } from '../../usecases/resolve-release.ts';

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
  return { release: found.release };
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
  if (release) return { release };
  return {
    reply: problem(
      name
        ? `There is no release named *${escapeMrkdwn(name)}* in this workspace.`
        : 'This channel has no release. Create one here, or name another with `release:&lt;name&gt;`.',
    ),
  };
}
