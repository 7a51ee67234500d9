import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { checklistDefinition } from '../../../domain/checklist.ts';
import type { Deps } from '../../../usecases/deps.ts';
import { whyCannotTick } from '../../../usecases/tick-checklist-item.ts';
import { parseMetadata, ReleaseItemRef } from '../../payloads.ts';
import { buildEvidenceModal } from '../../views/checklist.ts';
import { respondProblem } from '../respond-problem.ts';

/** "Tick…" on a checklist item: someone who may tick gets the modal (optional evidence link); anyone else is told who. */
export function createChecklistTickHandler(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = parseMetadata(ReleaseItemRef, action.value ?? '');
    if (!ref) {
      await respondProblem(respond, 'This button has expired; run `/release checklist` again.');
      return;
    }
    const denied = whyCannotTick(deps, { releaseId: ref.r, key: ref.k, actorId: body.user.id });
    if (denied) {
      await respondProblem(respond, denied);
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildEvidenceModal({
        releaseId: ref.r,
        key: ref.k,
        label: checklistDefinition(ref.k)?.label ?? ref.k,
        channelId: body.channel?.id ?? '',
      }),
    });
  };
}
