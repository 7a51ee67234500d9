import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { DECISION_SIDES } from '../../../domain/go-no-go.ts';
import { decidePoll } from '../../../usecases/decide-poll.ts';
import type { Deps } from '../../../usecases/deps.ts';
import { getPollView } from '../../../usecases/poll-view.ts';
import { BLOCK_IDS } from '../../ids.ts';
import { inputValue, parseMetadata, ViewStateValues } from '../../payloads.ts';
import { buildDecisionNotice } from '../../views/go-no-go-poll.ts';
import { plainError } from './poll-vote-note-submission.ts';

const Metadata = z.object({ pollId: z.number().int(), side: z.enum(DECISION_SIDES) });

/**
 * The decider's modal. The rationale is checked against the recommendation as it is NOW (votes may have changed
 * since the modal opened); a refusal stays in the modal under the field.
 */
export function createPollDecideSubmissionHandler(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const metadata = parseMetadata(Metadata, view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.pollRationale]: 'This form has expired.' } });
      return;
    }
    const values = ViewStateValues.parse(view.state.values);
    const result = await decidePoll(deps, {
      pollId: metadata.pollId,
      deciderId: body.user.id,
      side: metadata.side,
      rationale: inputValue(values, BLOCK_IDS.pollRationale) ?? null,
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.pollRationale]: plainError(result.message) } });
      return;
    }
    await ack();
    await deps.pollMessenger.refresh(metadata.pollId);
    const state = getPollView(deps, metadata.pollId);
    if (state) {
      await deps.pollMessenger
        .notifyThread(metadata.pollId, buildDecisionNotice(state))
        .catch((error: unknown) => deps.logger.error('posting the decision notice failed', error));
    }
  };
}
