import type { KnownBlock, ModalView } from '@slack/types';
import { BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';

/** `fromSlack`: the zone is the creator's own from their Slack profile, not the workspace default. */
export type CreateReleaseModalState = { channelId: string; timeZone: string; fromSlack: boolean };

function dateInput(blockId: string, label: string, optional: boolean, hint?: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label },
    element: { type: 'datepicker', action_id: INPUT_ACTION_ID },
    ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
  };
}

/**
 * The "New release" modal: name, target date, optional window (first and last day), time zone. The channel rides in
 * `private_metadata` so the submission knows where the release belongs.
 */
export function buildCreateReleaseModal(state: CreateReleaseModalState): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.createRelease,
    private_metadata: JSON.stringify({ channelId: state.channelId }),
    title: { type: 'plain_text', text: 'New release' },
    submit: { type: 'plain_text', text: 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BLOCK_IDS.releaseName,
        label: { type: 'plain_text', text: 'Name' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          max_length: 80,
          placeholder: { type: 'plain_text', text: 'e.g. 2.4.0' },
        },
      },
      dateInput(BLOCK_IDS.targetDate, 'Target date', false),
      dateInput(
        BLOCK_IDS.windowStart,
        'Release window: first day',
        true,
        'Daily standups run during the window. Give both days or neither.',
      ),
      dateInput(BLOCK_IDS.windowEnd, 'Release window: last day', true, 'On or after the first day.'),
      {
        type: 'input',
        block_id: BLOCK_IDS.timeZone,
        label: { type: 'plain_text', text: 'Time zone' },
        hint: {
          type: 'plain_text',
          text:
            `${state.fromSlack ? 'Yours, from your Slack profile. ' : ''}` +
            'An IANA name such as Europe/Berlin or America/New_York. Dates and schedules use it.',
        },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          initial_value: state.timeZone,
          max_length: 64,
          placeholder: { type: 'plain_text', text: 'e.g. Europe/Berlin' },
        },
      },
    ],
  };
}
