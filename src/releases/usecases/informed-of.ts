import { formatInformedMention, informedParties, LIFECYCLE_ACTIVITY } from '../../core/domain/informed.ts';
import type { LifecycleAction, Release } from '../../core/domain/release.ts';
import type { ReleasesDeps } from '../deps.ts';

/** The thread mention for the roles the RACI keeps Informed of a lifecycle change, or undefined when there are none. */
export async function informedOfLifecycle(
  deps: ReleasesDeps,
  release: Release,
  action: LifecycleAction,
): Promise<string | undefined> {
  const activity = LIFECYCLE_ACTIVITY[action];
  return formatInformedMention(activity, informedParties(activity, await deps.store.releases.assignments(release.id)));
}

/**
 * The release a read-only command (checklist, raci, export) looks at: the named one, else the channel's active
 * release, else the channel's most recently finished one, so a retrospective after `/release done` still works.
 */
export async function findReleaseForReading(
  deps: ReleasesDeps,
  ref: { teamId: string; channelId: string; releaseName?: string | undefined },
): Promise<Release | undefined> {
  const { releases } = deps.store;
  if (ref.releaseName) return releases.findByName(ref.teamId, ref.releaseName);
  return (
    (await releases.findActiveInChannel(ref.teamId, ref.channelId)) ??
    (await releases.listFinished(ref.teamId, 100)).find((r) => r.channelId === ref.channelId)
  );
}
