import type { KnownBlock } from '@slack/types';
import type { Release } from '../../../core/domain/release.ts';
import type { ReleasesDeps } from '../../deps.ts';

/** What `/release status` shows below the roles: each module's registered section, in the registered order. */
export async function buildStatusSections(deps: ReleasesDeps, release: Release): Promise<KnownBlock[]> {
  const sections = await Promise.all(deps.contributions.status.map((build) => build(release)));
  return sections.flat();
}
