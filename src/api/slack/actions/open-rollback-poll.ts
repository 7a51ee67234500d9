import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { releaseLabel } from '../../../core/domain/markup.ts';
import { MessageButtonClick } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import { openPoll } from '../../../polls/index.ts';
import type { ApiDeps } from '../../deps.ts';

/**
 * "Open the rollback poll" on a failed production deployment: the rollback decision, opened by whoever clicked as
 * `/release rollback` would (the Release Manager, Tech Lead or DevOps; anyone else is told who may).
 */
export function createOpenRollbackHandler(deps: ApiDeps) {
  return async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await args.ack();
    const click = MessageButtonClick.safeParse(args);
    const releaseId = click.success ? Number(click.data.action.value) : Number.NaN;
    const release = Number.isInteger(releaseId) ? await deps.store.releases.findById(releaseId) : undefined;
    if (!click.success || !release) {
      await respondProblem(args.respond, 'This button has expired; run `/release rollback` instead.');
      return;
    }
    const opened = await openPoll(deps, {
      release,
      actorId: click.data.body.user.id,
      activity: 'rollback',
      deadlineMs: undefined,
    });
    if (!opened.ok) {
      const where = opened.existing ? ` Vote on it in <#${opened.existing.channelId}>.` : '';
      await respondProblem(args.respond, `${opened.message}${where}`);
      return;
    }
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...buildNoticeMessage(
        `The rollback decision for ${releaseLabel(release)} is posted in <#${opened.poll.channelId}>.`,
      ),
    });
  };
}
