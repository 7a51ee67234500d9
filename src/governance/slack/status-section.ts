import type { KnownBlock } from '@slack/types';
import type { Release } from '../../core/domain/release.ts';
import { section } from '../../platform/slack/views/message.ts';
import type { GovernanceDeps } from '../deps.ts';
import { checklistReadiness } from '../usecases/get-checklist-gate.ts';

/** `/release status`: the checklist, ticked or with its open items. */
export async function checklistStatusSection(deps: GovernanceDeps, release: Release): Promise<KnownBlock[]> {
  return [section((await checklistReadiness(deps, release.id)).lines.join('\n'))];
}
