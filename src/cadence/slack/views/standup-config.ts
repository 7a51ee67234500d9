import type { ModalView } from '@slack/types';
import { formatDuration } from '../../../core/domain/duration.ts';
import { formatTimeOfDay, WEEKDAY_KEYS } from '../../../core/domain/local-time.ts';
import { releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { context } from '../../../platform/slack/views/message.ts';
import type { CadenceConfig } from '../../domain/schedule.ts';

export const STANDUP_CONFIG_BLOCKS = {
  time: 'standup_config_time',
  days: 'standup_config_days',
  delivery: 'standup_config_delivery',
  reminder: 'standup_config_reminder',
  cutoff: 'standup_config_cutoff',
  holidays: 'standup_config_holidays',
} as const;

const DELIVERY_OPTIONS = [
  { value: 'channel', label: 'One prompt in the release channel' },
  { value: 'dm', label: 'A DM to each role holder, at their own local time' },
] as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** The days as `/release standup config days:` takes them: `mon,tue,wed`. */
function daysText(days: readonly number[]): string {
  return days.map((d) => WEEKDAY_KEYS[d]).join(',');
}

/** `/release standup config` with no options: the schedule as a form, prefilled with the current one. */
export function buildStandupConfigModal(input: { release: Release; config: CadenceConfig }): ModalView {
  const { config } = input;
  const delivery = DELIVERY_OPTIONS.map((o) => ({ text: plain(o.label), value: o.value }));
  const holidays = [...config.holidays.dates, ...config.holidays.yearly].join(',');
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.standupConfig,
    private_metadata: JSON.stringify({ releaseId: input.release.id }),
    title: plain('Standup schedule'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      context(`${releaseLabel(input.release)} · times are in the release's time zone, ${input.release.timeZone}`),
      {
        type: 'input',
        block_id: STANDUP_CONFIG_BLOCKS.delivery,
        label: plain('Where prompts go'),
        element: {
          type: 'radio_buttons',
          action_id: INPUT_ACTION_ID,
          options: delivery,
          initial_option: delivery.find((o) => o.value === config.standupDelivery) ?? delivery[0],
        },
      },
      {
        type: 'input',
        block_id: STANDUP_CONFIG_BLOCKS.time,
        label: plain('Standup time'),
        hint: plain('With DM delivery, each person is asked at this time in their own time zone.'),
        element: { type: 'timepicker', action_id: INPUT_ACTION_ID, initial_time: formatTimeOfDay(config.standupTime) },
      },
      {
        type: 'input',
        block_id: STANDUP_CONFIG_BLOCKS.days,
        label: plain('Working days'),
        hint: plain('A range or a list: mon-fri, sun-thu, mon,wed,fri'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          initial_value: daysText(config.workingDays),
          max_length: 40,
        },
      },
      {
        type: 'input',
        block_id: STANDUP_CONFIG_BLOCKS.reminder,
        label: plain('Remind after'),
        hint: plain('After the prompt, e.g. 2h or 90m'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          initial_value: formatDuration(config.reminderAfterMs),
          max_length: 10,
        },
      },
      {
        type: 'input',
        block_id: STANDUP_CONFIG_BLOCKS.cutoff,
        label: plain('Summary after'),
        hint: plain('After the prompt, e.g. 4h'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          initial_value: formatDuration(config.cutoffAfterMs),
          max_length: 10,
        },
      },
      {
        type: 'input',
        block_id: STANDUP_CONFIG_BLOCKS.holidays,
        optional: true,
        label: plain('Holidays'),
        hint: plain('Dates (2026-12-24) and yearly dates (--12-25), separated by commas'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          max_length: 1000,
          ...(holidays ? { initial_value: holidays } : {}),
        },
      },
    ],
  };
}
