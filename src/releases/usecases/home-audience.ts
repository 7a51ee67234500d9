import type { Release } from '../../core/domain/release.ts';
import type { ReleasesDeps } from '../deps.ts';

/**
 * Whose App Home a change in the release may alter: its role holders, their delegates, and whoever other modules
 * name (the people its open escalations page). The refresher adds those whose last Home showed the release.
 */
export async function homeAudience(deps: ReleasesDeps, release: Release): Promise<string[]> {
  const people = new Set((await deps.store.releases.assignments(release.id)).map((a) => a.userId));
  for (const absence of await deps.store.releases.absences(release.id)) {
    if (absence.delegateId) people.add(absence.delegateId);
  }
  for (const provide of deps.contributions.homeAudience) for (const id of await provide(release)) people.add(id);
  return [...people];
}
