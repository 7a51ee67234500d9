import type { KnownBlock } from '@slack/types';
import type { Release } from '../../../core/domain/release.ts';
import type { ReleasesDeps } from '../../deps.ts';

/** What `/release status` shows below the roles: each module's registered section, in the registered order. */
export function buildStatusSections(deps: ReleasesDeps, release: Release): KnownBlock[] {
  return deps.contributions.status.flatMap((build) => build(release));
}
