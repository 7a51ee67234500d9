import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { postOnce } from '../../../platform/slack/post-once.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { fitMessage } from '../../../platform/slack/views/limits.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { agreeToProposal } from '../../usecases/record-authority-decision.ts';
import { buildAgreedProposalMessage } from '../views/authority.ts';

/** "Agree" on a joint-area proposal (release scope): the partner's agreement records the decision. */
export function createScopeAgreeHandler(deps: GovernanceDeps) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const proposalId = Number(action.value);
    const result = Number.isInteger(proposalId)
      ? await agreeToProposal(deps, { proposalId, actorId: body.user.id })
      : { ok: false as const, message: 'This button has expired.' };
    if (!result.ok) {
      await respondProblem(respond, result.message);
      return;
    }
    await respond({
      replace_original: true,
      ...fitMessage(buildAgreedProposalMessage(result.release, result.proposal, result.decision)),
    });
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    if (result.informed && channel && ts) {
      await postOnce(client, deps.logger, { channel, threadTs: ts, message: { text: result.informed } }).catch(
        (error: unknown) => deps.logger.warn('could not tell the Informed roles', error),
      );
    }
  };
}
