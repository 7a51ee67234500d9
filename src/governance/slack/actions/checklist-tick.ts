import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseMetadata, ReleaseItemRef } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { checklistDefinition } from '../../domain/checklist.ts';
import { whyCannotTick } from '../../usecases/tick-checklist-item.ts';
import { buildEvidenceModal } from '../views/checklist.ts';

/** "Tick…" on a checklist item: someone who may tick gets the modal (optional evidence link); anyone else is told who. */
export function createChecklistTickHandler(deps: GovernanceDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = parseMetadata(ReleaseItemRef, action.value ?? '');
    if (!ref) {
      await respondProblem(respond, 'This button has expired; run `/release checklist` again.');
      return;
    }
    const denied = await whyCannotTick(deps, { releaseId: ref.r, key: ref.k, actorId: body.user.id });
    if (denied) {
      await respondProblem(respond, denied);
      return;
    }
    const opened = await deps.modals.open({
      triggerId: body.trigger_id,
      userId: body.user.id,
      view: buildEvidenceModal({
        releaseId: ref.r,
        key: ref.k,
        label: checklistDefinition(ref.k)?.label ?? ref.k,
        channelId: body.channel?.id ?? '',
      }),
    });
    if (!opened.ok) await respondProblem(respond, opened.message);
  };
}
