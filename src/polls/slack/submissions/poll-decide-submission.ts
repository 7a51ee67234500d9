import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { BLOCK_IDS } from '../../../core/ids.ts';
import { buildOverrideAnnouncement } from '../../../governance/index.ts';
import { inputValue, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import type { PollsDeps } from '../../deps.ts';
import { DECISION_SIDES } from '../../domain/go-no-go.ts';
import { type DecidePollResult, decidePoll } from '../../usecases/decide-poll.ts';
import { getPollView } from '../../usecases/poll-view.ts';
import { buildDecisionNotice } from '../views/go-no-go-poll.ts';
import { plainError } from './poll-vote-note-submission.ts';

const Metadata = z.object({
  pollId: z.number().int(),
  side: z.enum(DECISION_SIDES),
  /** Whether the form has the checklist override field (forms opened before the gate lack it). */
  askOverride: z.boolean().optional(),
});

/** Where a refusal shows: under the override reason when the form has that field, else under the rationale. */
function errorsFor(result: Exclude<DecidePollResult, { ok: true }>, hasOverrideField: boolean): Record<string, string> {
  if ('openItems' in result) {
    if (hasOverrideField) {
      const n = result.openItems.length;
      const message = result.missingReason
        ? `${n} checklist item${n === 1 ? ' is' : 's are'} open: write why Go is acceptable anyway (recorded and announced), or tick ${n === 1 ? 'it' : 'them'} first.`
        : result.message;
      return { [BLOCK_IDS.pollOverride]: plainError(message) };
    }
    return {
      [BLOCK_IDS.pollRationale]: plainError(
        `Checklist items are open (${result.openItems.join(', ')}). Close this form and click Decide Go again to give an override reason.`,
      ),
    };
  }
  return { [BLOCK_IDS.pollRationale]: plainError(result.message) };
}

/**
 * The decider's modal. The rationale is checked against the recommendation as it is NOW (votes may have changed
 * since the modal opened); a refusal stays in the modal under the field.
 */
export function createPollDecideSubmissionHandler(deps: PollsDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
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
      overrideReason: metadata.askOverride ? (inputValue(values, BLOCK_IDS.pollOverride) ?? null) : null,
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: errorsFor(result, metadata.askOverride === true) });
      return;
    }
    await ack();
    if (result.override) {
      // Recorded before the Go decision; announced in the channel like `/release checklist override`.
      const announced = buildOverrideAnnouncement({
        actorId: body.user.id,
        release: result.release,
        openLabels: result.override.openLabels,
        reason: result.override.decision.rationale ?? '',
      });
      await postWithInformed(client, deps.logger, result.poll.channelId, announced, undefined);
    }
    await deps.pollMessenger.refresh(metadata.pollId);
    const state = await getPollView(deps, metadata.pollId);
    if (state) {
      await deps.pollMessenger
        .notifyThread(metadata.pollId, buildDecisionNotice(state), `poll:${metadata.pollId}:decision`)
        .catch((error: unknown) => deps.logger.error('posting the decision notice failed', error));
    }
  };
}
