import { type Failure, fail } from '../../core/deps.ts';
import { emphasized, releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import type { ReleaseStore } from '../ports.ts';

export type ReleaseRef = { teamId: string; channelId: string; releaseName?: string | undefined };

/** The release a command acts on: the one named with `release:<name>`, else the channel's active release. */
export async function resolveRelease(
  releases: ReleaseStore,
  ref: ReleaseRef,
  options: { activeOnly?: boolean } = {},
): Promise<{ ok: true; release: Release } | Failure> {
  if (ref.releaseName) {
    const release = await releases.findByName(ref.teamId, ref.releaseName);
    if (!release) return fail(`There is no release named *${emphasized(ref.releaseName)}* in this workspace.`);
    if (options.activeOnly && !isActive(release))
      return fail(
        `${releaseLabel(release)} has ended (${release.status.replace('_', ' ')}); it can no longer be changed.`,
      );
    return { ok: true, release };
  }
  const release = await releases.findActiveInChannel(ref.teamId, ref.channelId);
  if (!release)
    return fail('This channel has no active release. Create one here, or name another with `release:&lt;name&gt;`.');
  return { ok: true, release };
}
