import type { KnownBlock } from '@slack/types';
import type { Release } from '../../core/domain/release.ts';
import { context } from '../../platform/slack/views/message.ts';
import type { EscalationDeps } from '../deps.ts';
import { describeUnreachable, unreachableLevels } from '../usecases/configure-escalation-level.ts';
import { levelTargets } from '../usecases/escalation-delivery.ts';
import { listOpenEscalationsForRelease } from '../usecases/list-escalations.ts';
import { buildEscalationStatusBlocks } from './views/escalation.ts';

/** `/release status`: the release's open escalations, and the levels it cannot reach with the command that fixes it. */
export async function escalationStatusSection(deps: EscalationDeps, release: Release): Promise<KnownBlock[]> {
  const blocks = buildEscalationStatusBlocks(await listOpenEscalationsForRelease(deps, release));
  const missing = describeUnreachable(unreachableLevels(await levelTargets(deps, release)));
  return missing ? [...blocks, context(missing)] : blocks;
}

/** The new release's announcement, `/release create`: the levels it cannot reach, with the command that fixes it. */
export async function escalationLevelsNote(deps: EscalationDeps, release: Release): Promise<string[]> {
  const missing = describeUnreachable(unreachableLevels(await levelTargets(deps, release)));
  return missing ? [missing] : [];
}
