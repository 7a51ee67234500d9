import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseRole } from '../../../core/domain/roles.ts';
import { MessageButtonClick, PollRoleValue } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildErrorMessage } from '../../../platform/slack/views/message.ts';
import type { PollsDeps } from '../../deps.ts';
import type { VoteValue } from '../../domain/go-no-go.ts';
import { castPollVote, checkPollVoter } from '../../usecases/cast-poll-vote.ts';
import { buildVoteNoteModal } from '../views/poll-modals.ts';

/**
 * A vote button on a poll message. Go is cast at once; Go with conditions and No-Go first check the clicker may vote
 * for that role, then open a modal for the note. The value carries only the poll and the role: everything else is
 * read from the database. Refusals go back as an ephemeral message and change nothing.
 */
export function createPollVoteHandler(deps: PollsDeps, value: VoteValue) {
  return async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await args.ack();
    const click = MessageButtonClick.safeParse(args);
    const parsed = click.success ? PollRoleValue.safeParse(click.data.action.value) : undefined;
    const role = parsed?.success ? parseRole(parsed.data.role.replaceAll('_', '-')) : undefined;
    if (!click.success || !parsed?.success || !role) {
      deps.logger.warn('a poll vote click that does not parse', args.body);
      return;
    }
    const { client } = args;
    const { user, channel, trigger_id } = click.data.body;
    // Through the response URL when there is one: it reaches any clicker, Slackbot included, where an ephemeral
    // post to an account that is not in the channel would fail.
    const tell = (message: string) =>
      args.respond
        ? respondProblem(args.respond, message)
        : client.chat.postEphemeral({ channel: channel.id, user: user.id, ...buildErrorMessage(message) });
    const pollId = parsed.data.pollId;

    if (value === 'go') {
      const result = await castPollVote(deps, { pollId, role, voterId: user.id, value });
      if (!result.ok) await tell(result.message);
      // Not awaited: in a storm of votes the coalesced update runs until the storm ends, and a click that waited
      // for it would keep its whole request alive that long (promoted, and copied by every scavenge meanwhile).
      // The refresher reports its own failures, and owes a render it could not make.
      else if (result.changed) void deps.pollMessenger.refresh(pollId);
      return;
    }
    const allowed = await checkPollVoter(deps, { pollId, role, voterId: user.id });
    if (!allowed.ok) {
      await tell(allowed.message);
      return;
    }
    const current = allowed.state.tally.roles.find((r) => r.role === role)?.vote;
    const opened = await deps.modals.open({
      triggerId: trigger_id,
      userId: user.id,
      view: buildVoteNoteModal({
        pollId,
        role,
        value,
        activity: allowed.poll.activity,
        releaseName: allowed.state.release.name,
        current: current?.value === value ? current.note : null,
      }),
    });
    if (!opened.ok) await tell(opened.message);
  };
}
