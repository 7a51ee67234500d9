import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseMetadata, ReleaseItemRef } from '../../../platform/slack/payloads.ts';
import { postOnce } from '../../../platform/slack/post-once.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { fitMessage } from '../../../platform/slack/views/limits.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { type HandoffStep, handoffDefinition } from '../../domain/handoff.ts';
import { takeHandoffStep } from '../../usecases/take-handoff-step.ts';
import { buildHandoffMessage } from '../views/handoff.ts';

/** "Sign off" / "Confirm" on a handoff: recorded, the message refreshed; on confirmation the Informed roles are told. */
export function createHandoffStepHandler(deps: GovernanceDeps, step: HandoffStep) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = parseMetadata(ReleaseItemRef, action.value ?? '');
    const definition = ref && handoffDefinition(ref.k);
    if (!ref || !definition) {
      await respondProblem(respond, 'This button has expired; post the handoff again.');
      return;
    }
    const result = await takeHandoffStep(deps, { releaseId: ref.r, key: definition.key, step, actorId: body.user.id });
    if (!result.ok) {
      await respondProblem(respond, result.message);
      return;
    }
    await respond({ replace_original: true, ...fitMessage(buildHandoffMessage(result.view)) });
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    if (result.informed && channel && ts) {
      await postOnce(client, deps.logger, { channel, threadTs: ts, message: { text: result.informed } }).catch(
        (error: unknown) => deps.logger.warn('could not tell the Informed roles', error),
      );
    }
  };
}
