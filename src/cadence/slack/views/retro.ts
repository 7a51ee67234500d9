import type { KnownBlock, ModalView } from '@slack/types';
import type { RetroItem } from '../../../core/contributions.ts';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { type Release, STATUS_LABELS } from '../../../core/domain/release.ts';
import { ROLE_LABELS } from '../../../core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID, retroItemBlockId } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import type { RetroAnswer } from '../../ports.ts';
import { type RetroFormItem, retroItemField } from '../../usecases/retrospective.ts';

const LABELS: Record<string, string> = {
  well: 'What went well',
  badly: 'What did not go well',
  lessons: 'Lessons learned',
  debt: 'Technical debt',
};

/** One of another module's items, as the prompt lists it: the question, whose answer is required, what happened. */
function itemSection(item: RetroItem): KnownBlock {
  const required =
    item.requiredFrom.length > 0
      ? ` _(required of the ${item.requiredFrom.map((r) => ROLE_LABELS[r]).join(', ')})_`
      : '';
  return section(`*${escapeMrkdwn(item.question)}*${required}\n${item.context}`);
}

export function buildRetroPrompt(input: {
  release: Release;
  holders: string[];
  closesAt: Date;
  items?: readonly RetroItem[];
}): SlackMessage {
  const items = input.items ?? [];
  return {
    text: `Retrospective for ${escapeMrkdwn(input.release.name)}`,
    blocks: [
      header(`Retrospective · ${input.release.name}`),
      section(
        `${releaseLabel(input.release)} is ${STATUS_LABELS[input.release.status].toLowerCase()}. ` +
          `${mentionAll(input.holders)}: what went well, what did not, what did we learn? ` +
          'The Tech Lead also notes the technical debt.',
      ),
      ...(items.length > 0 ? [section('*Also on the agenda*'), ...items.slice(0, 10).map(itemSection)] : []),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION_IDS.retroAnswer,
            text: { type: 'plain_text', text: 'Add my retrospective' },
            style: 'primary',
            value: String(input.release.id),
          },
        ],
      },
      context(`The summary is posted ${formatInstant(input.closesAt)}.`),
    ],
  };
}

/** The labels of every field a person can answer: the fixed four, then the other modules' items. */
function labelsOf(items: readonly RetroItem[]): Array<[string, string]> {
  return [
    ...Object.entries(LABELS),
    ...items.map((item): [string, string] => [retroItemField(item.key), escapeMrkdwn(item.question)]),
  ];
}

function answerText(answers: Record<string, string>, items: readonly RetroItem[]): string {
  return labelsOf(items)
    .filter(([key]) => answers[key])
    .map(([key, label]) => `• ${label}: ${escapeMrkdwn(answers[key] ?? '')}`)
    .join('\n');
}

export function buildRetroAnswerReply(input: {
  userId: string;
  answers: Record<string, string>;
  items?: readonly RetroItem[];
}): SlackMessage {
  return {
    text: `Retrospective from <@${input.userId}>`,
    blocks: [section(`<@${input.userId}>:\n${answerText(input.answers, input.items ?? [])}`)],
  };
}

export function buildRetroSummary(input: {
  release: Release;
  answers: RetroAnswer[];
  missing: string[];
  items?: readonly RetroItem[];
}): SlackMessage {
  const items = input.items ?? [];
  const blocks: KnownBlock[] = [header(`Retrospective summary · ${input.release.name}`)];
  for (const [key, label] of labelsOf(items)) {
    const lines = input.answers
      .filter((a) => a.answers[key])
      .map((a) => `• ${escapeMrkdwn(a.answers[key] ?? '')} (<@${a.userId}>)`);
    const item = items.find((i) => retroItemField(i.key) === key);
    // A required item nobody answered is said so, not left out.
    if (lines.length === 0 && item && item.requiredFrom.length > 0) lines.push('_not answered_');
    if (lines.length > 0) blocks.push(section(`*${label}*\n${lines.join('\n')}`));
  }
  if (input.answers.length === 0) blocks.push(section('_Nobody answered._'));
  blocks.push(context(`No answer from: ${mentionAll(input.missing, 'nobody — everyone answered')}`));
  return { text: `Retrospective summary for ${escapeMrkdwn(input.release.name)}`, blocks: blocks.slice(0, 50) };
}

export function buildRetroModal(input: {
  release: Release;
  askDebt: boolean;
  existing: Record<string, string>;
  items?: readonly RetroFormItem[];
}): ModalView {
  const field = (blockId: string, key: string, optional: boolean, label = LABELS[key] ?? key): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label.slice(0, 2000) },
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION_ID,
      multiline: true,
      max_length: 2000,
      ...(input.existing[key] ? { initial_value: input.existing[key] } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.retroAnswer,
    private_metadata: JSON.stringify({ releaseId: input.release.id }),
    title: { type: 'plain_text', text: 'Retrospective' },
    submit: { type: 'plain_text', text: 'Post' },
    blocks: [
      field(BLOCK_IDS.retroWell, 'well', true),
      field(BLOCK_IDS.retroBadly, 'badly', true),
      field(BLOCK_IDS.retroLessons, 'lessons', true),
      ...(input.askDebt ? [field(BLOCK_IDS.retroDebt, 'debt', false)] : []),
      ...(input.items ?? []).flatMap((item) => [
        context(item.context),
        field(retroItemBlockId(item.key), retroItemField(item.key), !item.required, item.question),
      ]),
    ],
  };
}
