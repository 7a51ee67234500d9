import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { MessageButtonClick } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildErrorMessage } from '../../../platform/slack/views/message.ts';
import type { PollsDeps } from '../../deps.ts';
import type { DecisionSide } from '../../domain/go-no-go.ts';
import { checkPollDecider } from '../../usecases/decide-poll.ts';
import { buildDecideModal } from '../views/poll-modals.ts';

/** "Decide Go" / "Decide No-Go": the decider gets the rationale modal; anyone else an ephemeral explanation. */
export function createPollDecideHandler(deps: PollsDeps, side: DecisionSide) {
  return async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await args.ack();
    const click = MessageButtonClick.safeParse(args);
    const pollId = click.success ? Number(click.data.action.value) : Number.NaN;
    if (!click.success || !Number.isInteger(pollId)) {
      deps.logger.warn('a poll decide click that does not parse', args.body);
      return;
    }
    const { user, channel, trigger_id } = click.data.body;
    const tell = (message: string) =>
      args.respond
        ? respondProblem(args.respond, message)
        : args.client.chat.postEphemeral({ channel: channel.id, user: user.id, ...buildErrorMessage(message) });
    const allowed = await checkPollDecider(deps, { pollId, deciderId: user.id });
    if (!allowed.ok) {
      await tell(allowed.message);
      return;
    }
    const release = await deps.store.releases.findById(allowed.poll.releaseId);
    const opened = await deps.modals.open({
      triggerId: trigger_id,
      userId: user.id,
      view: buildDecideModal({
        pollId,
        side,
        activity: allowed.poll.activity,
        releaseName: release?.name ?? '',
        recommendation: allowed.recommendation,
        technical: allowed.technical,
        checklist: allowed.checklist,
      }),
    });
    if (!opened.ok) {
      await args.client.chat.postEphemeral({
        channel: channel.id,
        user: user.id,
        ...buildErrorMessage(opened.message),
      });
    }
  };
}
