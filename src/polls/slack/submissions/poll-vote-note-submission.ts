import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ROLES } from '../../../core/domain/roles.ts';
import { BLOCK_IDS } from '../../../core/ids.ts';
import { inputValue, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import type { PollsDeps } from '../../deps.ts';
import { VOTE_VALUES } from '../../domain/go-no-go.ts';
import { castPollVote } from '../../usecases/cast-poll-vote.ts';

const Metadata = z.object({ pollId: z.number().int(), role: z.enum(ROLES), value: z.enum(VOTE_VALUES) });

/** Slack shows plain text under inputs: drop mrkdwn emphasis and turn mentions into plain words. */
export function plainError(message: string): string {
  return message
    .replaceAll('*', '')
    .replaceAll('`', '')
    .replace(/<@(\w+)>/g, '@$1');
}

/** The note modal of Go with conditions / No-Go: a refused vote keeps the modal open with the reason under the field. */
export function createPollVoteNoteSubmissionHandler(deps: PollsDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const metadata = parseMetadata(Metadata, view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.pollNote]: 'This form has expired; vote again.' } });
      return;
    }
    const values = ViewStateValues.parse(view.state.values);
    const result = await castPollVote(deps, {
      pollId: metadata.pollId,
      role: metadata.role,
      value: metadata.value,
      voterId: body.user.id,
      note: inputValue(values, BLOCK_IDS.pollNote) ?? null,
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.pollNote]: plainError(result.message) } });
      return;
    }
    await ack();
    // Not awaited, as for a vote button (poll-vote.ts): the request is let go as soon as the vote is stored.
    if (result.changed) void deps.pollMessenger.refresh(metadata.pollId);
  };
}
