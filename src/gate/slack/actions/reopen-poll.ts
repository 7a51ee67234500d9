import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readinessChanged } from '../../../core/contributions.ts';
import { releaseLabel } from '../../../core/domain/markup.ts';
import { MessageButtonClick } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import { openPoll } from '../../../polls/index.ts';
import type { GateDeps } from '../../deps.ts';

/**
 * "Reopen the go/no-go" on a stale Go: a new go/no-go poll, opened by the Release Manager as `/release gonogo`
 * would. While it is open the gate is pending; its decision replaces the stale Go.
 */
export function createReopenPollHandler(deps: GateDeps) {
  return async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await args.ack();
    const click = MessageButtonClick.safeParse(args);
    const releaseId = click.success ? Number(click.data.action.value) : Number.NaN;
    const release = Number.isInteger(releaseId) ? await deps.store.releases.findById(releaseId) : undefined;
    if (!click.success || !release) {
      await respondProblem(args.respond, 'This button has expired; run `/release gonogo` instead.');
      return;
    }
    const opened = await openPoll(deps, {
      release,
      actorId: click.data.body.user.id,
      activity: 'go_no_go',
      deadlineMs: undefined,
    });
    if (!opened.ok) {
      await respondProblem(args.respond, opened.message);
      return;
    }
    // The stale Go's poll now says a new poll is open.
    await readinessChanged(deps, release.id);
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...buildNoticeMessage(`A new go/no-go for ${releaseLabel(release)} is posted in <#${opened.poll.channelId}>.`),
    });
  };
}
