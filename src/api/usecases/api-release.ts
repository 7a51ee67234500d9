import { isActive, type Release } from '../../core/domain/release.ts';
import type { ApiDeps } from '../deps.ts';
import { type ApiProblem, problem } from '../domain/problems.ts';
import type { ApiToken } from '../domain/tokens.ts';

/** The path's `{release}` that means the channel's active release. */
export const CURRENT = 'current';

/**
 * The release a request names: `current` (the token's channel's active release) or a release name. A token acts
 * only on its own channel's releases; another channel's release is answered as not found, so the API does not tell
 * a token which releases exist elsewhere.
 */
export async function resolveApiRelease(
  deps: ApiDeps,
  token: ApiToken,
  name: string,
  options: { activeOnly?: boolean } = {},
): Promise<{ ok: true; release: Release } | ApiProblem> {
  if (name === CURRENT) {
    const release = await deps.store.releases.findActiveInChannel(token.teamId, token.channelId);
    if (release) return { ok: true, release };
    return problem(
      'not_found',
      `The token's channel has no active release. Name a release instead of "${CURRENT}", or create one in the channel.`,
    );
  }
  const release = await deps.store.releases.findByName(token.teamId, name);
  if (!release || release.channelId !== token.channelId) {
    return problem('not_found', `The token's channel has no release named "${name}".`);
  }
  if (options.activeOnly && !isActive(release)) {
    return problem(
      'conflict',
      `Release ${release.name} has ended (${release.status.replace('_', ' ')}); report on the channel's active release.`,
    );
  }
  return { ok: true, release };
}
