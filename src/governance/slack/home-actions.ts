import { HOME_URGENCY, type HomeActionProvider } from '../../core/contributions.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import { ACTION_IDS } from '../../core/ids.ts';
import type { GovernanceDeps } from '../deps.ts';
import { checklistOf } from '../usecases/get-checklist.ts';
import { checklistButtonValue } from './views/checklist.ts';

/** The App Home's checklist items: *Tick…* for each unticked item a role the person holds owns (the evidence form). */
export function checklistHomeActions(deps: GovernanceDeps): HomeActionProvider {
  return async ({ releases }) => {
    const out: Awaited<ReturnType<HomeActionProvider>> = [];
    for (const item of releases) {
      for (const entry of await checklistOf(deps.store, item.release.id)) {
        if (entry.tickedAt !== null || !item.roles.includes(entry.owner)) continue;
        out.push({
          releaseId: item.release.id,
          text: `Checklist: ${escapeMrkdwn(entry.label)}`,
          button: {
            label: 'Tick…',
            actionId: ACTION_IDS.checklistTick,
            value: checklistButtonValue(item.release.id, entry.key),
          },
          urgency: HOME_URGENCY.checklist,
        });
      }
    }
    return out;
  };
}
