import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readinessChanged } from '../../../core/contributions.ts';
import { parseMetadata, ReleaseItemRef } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { fitMessage } from '../../../platform/slack/views/limits.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { getChecklistById } from '../../usecases/get-checklist.ts';
import { untickChecklistItem } from '../../usecases/tick-checklist-item.ts';
import { buildChecklistMessage } from '../views/checklist.ts';

/** "Untick" on a ticked item: recorded with who and when; the checklist the person sees is refreshed. */
export function createChecklistUntickHandler(deps: GovernanceDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = parseMetadata(ReleaseItemRef, action.value ?? '');
    const result = ref
      ? await untickChecklistItem(deps, { releaseId: ref.r, key: ref.k, actorId: body.user.id })
      : { ok: false as const, message: 'This button has expired; run `/release checklist` again.' };
    if (!result.ok || !ref) {
      const message = result.ok ? 'This button has expired.' : result.message;
      await respondProblem(respond, message);
      return;
    }
    const view = await getChecklistById(deps, ref.r);
    if (view) await respond({ replace_original: true, ...fitMessage(buildChecklistMessage(view)) });
    if (result.changed) await readinessChanged(deps, ref.r);
  };
}
