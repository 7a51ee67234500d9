import { HOME_URGENCY, type HomeActionProvider } from '../../core/contributions.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { holdersOf } from '../../core/domain/roles.ts';
import { ACTION_IDS } from '../../core/ids.ts';
import type { ReleasesDeps } from '../deps.ts';

/**
 * The releases module's App Home item: a release the person created that has no Release Manager yet gets a card with
 * *Assign roles* (the roles form). Without it the creator, who holds no role until one is given, would find nothing
 * of the release they just made on their Home.
 */
export function releaseHomeActions(deps: ReleasesDeps): HomeActionProvider {
  return async ({ teamId, userId }) => {
    const created = (await deps.store.releases.listActive(teamId)).filter((r) => r.createdBy === userId);
    const unstaffed = await Promise.all(
      created.map(async (release) => {
        const assignments = await deps.store.releases.assignments(release.id);
        return holdersOf(assignments, 'rm').length === 0 ? [release] : [];
      }),
    );
    return unstaffed.flat().map((release) => ({
      releaseId: release.id,
      text: `No one leads ${releaseLabel(release)} yet: name the Release Manager and the other roles`,
      button: { label: 'Assign roles', actionId: ACTION_IDS.rolesOpen, value: String(release.id), style: 'primary' },
      urgency: HOME_URGENCY.manage,
    }));
  };
}
