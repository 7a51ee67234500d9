import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { stripBidiControls } from '../../../core/domain/markup.ts';
import type { Logger } from '../../../core/ports.ts';
import { isStoreBusy, STORE_BUSY_MESSAGE } from '../../../core/store-busy.ts';
import { fitMessage } from '../views/limits.ts';
import { buildErrorMessage } from '../views/message.ts';
import { routeReleaseCommand } from './router.ts';
import type { Subcommand } from './types.ts';

/**
 * `/release …`: acknowledged at once (Slack allows 3 s), then answered through `respond`, so slow Web API calls or
 * rate limits never turn into a "failed with the error operation_timeout" for the user.
 */
export function createReleaseCommandHandler<D extends { logger: Logger }>(
  deps: D,
  subcommands: readonly Subcommand<D>[],
) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      const reply = await routeReleaseCommand(
        {
          deps,
          client,
          teamId: command.team_id,
          channelId: command.channel_id,
          userId: command.user_id,
          triggerId: command.trigger_id,
          text: stripBidiControls(command.text),
        },
        subcommands,
      );
      // Through the response URL, not the Web API: fitted here to Slack's limits like every other message.
      if ('ephemeral' in reply) await respond({ response_type: 'ephemeral', ...fitMessage(reply.ephemeral) });
      if ('inChannel' in reply) await respond({ response_type: 'in_channel', ...fitMessage(reply.inChannel) });
    } catch (error) {
      deps.logger.error('/release failed', command.text, error);
      await respond({
        response_type: 'ephemeral',
        ...buildErrorMessage(
          isStoreBusy(error)
            ? STORE_BUSY_MESSAGE
            : 'Something went wrong on my side and nothing was changed. Please try again.',
        ),
      });
    }
  };
}
