import type { Release } from '../../../core/domain/release.ts';
import { problem } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply } from '../../../platform/slack/commands/types.ts';
import { resolveRelease } from '../../usecases/resolve-release.ts';

/** The release the command acts on, or the reply that explains why there is none. */
export function releaseFor(
  ctx: CommandContext,
  options: { activeOnly?: boolean } = {},
): { release: Release } | { reply: CommandReply } {
  const name = ctx.parsed.options.get('release');
  const found = resolveRelease(
    ctx.deps.store.releases,
    { teamId: ctx.teamId, channelId: ctx.channelId, releaseName: name },
    options,
  );
  if (!found.ok) return { reply: problem(found.message) };
  return { release: found.release };
}
