import type { KnownBlock } from '@slack/types';
import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import { listOpenEscalationsForRelease } from '../usecases/list-escalations.ts';
import { buildEscalationStatusBlocks } from './views/escalation.ts';

/** `/release status`: the release's open escalations. */
export async function escalationStatusSection(deps: EscalationDeps, release: Release): Promise<KnownBlock[]> {
  return buildEscalationStatusBlocks(await listOpenEscalationsForRelease(deps, release));
}
