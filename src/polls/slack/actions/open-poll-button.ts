import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { MessageButtonClick } from '../../../platform/slack/payloads.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import type { PollsDeps } from '../../deps.ts';
import type { PollActivity } from '../../domain/go-no-go.ts';
import { openPoll } from '../../usecases/open-poll.ts';

export type OpenPollButton = {
  activity: PollActivity;
  /** The command that does the same, offered when the button has expired. */
  command: string;
  /** What the clicker is told the new poll is, e.g. "the rollback decision". */
  what: string;
  /** Runs once the poll is open (other messages that should now point at it). */
  afterOpen?: (release: Release) => Promise<void>;
};

/**
 * A button on another module's message that opens a poll as its command would: the release id is the button's value,
 * the clicker must be allowed to open it (openPoll says who may), and the clicker is told where the poll is.
 */
export function createOpenPollButtonHandler(deps: PollsDeps, button: OpenPollButton) {
  return async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await args.ack();
    const click = MessageButtonClick.safeParse(args);
    const releaseId = click.success ? Number(click.data.action.value) : Number.NaN;
    const release = Number.isInteger(releaseId) ? await deps.store.releases.findById(releaseId) : undefined;
    if (!click.success || !release) {
      await respondProblem(args.respond, `This button has expired; run \`${button.command}\` instead.`);
      return;
    }
    const opened = await openPoll(deps, {
      release,
      actorId: click.data.body.user.id,
      activity: button.activity,
      deadlineMs: undefined,
    });
    if (!opened.ok) {
      const where = opened.existing ? ` Vote on it in <#${opened.existing.channelId}>.` : '';
      await respondProblem(args.respond, `${opened.message}${where}`);
      return;
    }
    await button.afterOpen?.(release);
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...buildNoticeMessage(`${button.what} for ${releaseLabel(release)} is posted in <#${opened.poll.channelId}>.`),
    });
  };
}
