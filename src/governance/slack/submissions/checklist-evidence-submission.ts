import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { readinessChanged } from '../../../core/contributions.ts';
import { BLOCK_IDS } from '../../../core/ids.ts';
import { EvidenceModalMetadata, inputValue, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { getChecklistById } from '../../usecases/get-checklist.ts';
import { tickChecklistItem } from '../../usecases/tick-checklist-item.ts';
import { buildChecklistMessage } from '../views/checklist.ts';

/** Slack shows plain text under inputs: drop mrkdwn emphasis and mention markup. */
function plain(message: string): string {
  return message
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replaceAll('*', '')
    .replaceAll('`', '')
    .replaceAll('&amp;', '&');
}

/** The tick modal: a bad link keeps the modal open with the reason under the field; a tick refreshes the checklist. */
export function createChecklistEvidenceSubmissionHandler(deps: GovernanceDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const ref = parseMetadata(EvidenceModalMetadata, view.private_metadata);
    if (!ref) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_IDS.evidenceUrl]: 'This form has expired; open it again.' },
      });
      return;
    }
    const values = ViewStateValues.parse(view.state.values);
    const result = await tickChecklistItem(deps, {
      releaseId: ref.r,
      key: ref.k,
      actorId: body.user.id,
      evidenceUrl: inputValue(values, BLOCK_IDS.evidenceUrl),
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.evidenceUrl]: plain(result.message) } });
      return;
    }
    await ack();
    // An open go/no-go poll shows the checklist: bring it up to date (rendered from the database).
    if (result.changed) await readinessChanged(deps, ref.r);
    const checklist = await getChecklistById(deps, ref.r);
    if (!checklist) return;
    await client.chat
      .postEphemeral({ channel: ref.c, user: body.user.id, ...buildChecklistMessage(checklist) })
      .catch((error: unknown) => deps.logger.info('could not show the refreshed checklist', error));
  };
}
