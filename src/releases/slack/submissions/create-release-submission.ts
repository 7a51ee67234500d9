import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { BLOCK_IDS } from '../../../core/ids.ts';
import { inputValue, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import { createSlackPoster } from '../../../platform/slack/post-once.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { createRelease } from '../../usecases/create-release.ts';
import { getReleaseOverview } from '../../usecases/release-overview.ts';
import { joinReleaseChannel } from '../commands/release-commands.ts';
import { createdMessageKey } from '../gateways/created-message.ts';
import { buildReleaseCreatedMessage } from '../views/release-created.ts';

const Metadata = z.object({ channelId: z.string() });

const FIELD_BLOCKS = {
  name: BLOCK_IDS.releaseName,
  channel: BLOCK_IDS.releaseName,
  targetDate: BLOCK_IDS.targetDate,
  windowStart: BLOCK_IDS.windowStart,
  windowEnd: BLOCK_IDS.windowEnd,
  timeZone: BLOCK_IDS.timeZone,
} as const;

/** The "New release" modal: problems go back under their fields and the modal stays open; success closes it. */
export function createCreateReleaseSubmissionHandler(deps: ReleasesDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const metadata = parseMetadata(Metadata, view.private_metadata);
    const values = ViewStateValues.parse(view.state.values);
    if (!metadata) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_IDS.releaseName]: 'This form has expired; open it again.' },
      });
      return;
    }
    const result = await createRelease(deps, {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      channelId: metadata.channelId,
      actorId: body.user.id,
      name: inputValue(values, BLOCK_IDS.releaseName) ?? '',
      targetDate: inputValue(values, BLOCK_IDS.targetDate) ?? '',
      windowStart: inputValue(values, BLOCK_IDS.windowStart),
      windowEnd: inputValue(values, BLOCK_IDS.windowEnd),
      timeZone: inputValue(values, BLOCK_IDS.timeZone) ?? deps.defaultTimeZone,
    });
    if (!result.ok) {
      const errors: Record<string, string> = {};
      for (const problem of result.problems) {
        const block = FIELD_BLOCKS[problem.field];
        // Slack shows plain text under inputs; drop the mrkdwn emphasis.
        errors[block] = [errors[block], problem.message.replaceAll('*', '').replaceAll('`', '')]
          .filter(Boolean)
          .join(' ');
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const joined = await joinReleaseChannel({ client, deps }, metadata.channelId);
    // Keyed: posted once, and its ts recorded under the key so the message is kept true as roles change.
    const poster = createSlackPoster({ client, logger: deps.logger, intents: deps.store.intents, clock: deps.clock });
    await poster.post({
      key: createdMessageKey(result.release.id),
      channel: metadata.channelId,
      message: buildReleaseCreatedMessage(await getReleaseOverview(deps, result.release), {
        joined,
        notes: (await Promise.all(deps.contributions.createdNotes.map((note) => note(result.release)))).flat(),
      }),
    });
  };
}
