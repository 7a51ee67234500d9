import type { KnownBlock, ModalView } from '@slack/types';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import { type Release, STATUS_LABELS } from '../../../core/domain/release.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import type { RetroAnswer } from '../../ports.ts';

const LABELS: Record<string, string> = {
  well: 'What went well',
  badly: 'What did not go well',
  lessons: 'Lessons learned',
  debt: 'Technical debt',
};

export function buildRetroPrompt(input: { release: Release; holders: string[]; closesAt: Date }): SlackMessage {
  return {
    text: `Retrospective for ${escapeMrkdwn(input.release.name)}`,
    blocks: [
      header(`Retrospective · ${input.release.name}`),
      section(
        `${releaseLabel(input.release)} is ${STATUS_LABELS[input.release.status].toLowerCase()}. ` +
          `${mentionAll(input.holders)}: what went well, what did not, what did we learn? ` +
          'The Tech Lead also notes the technical debt.',
      ),
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

function answerText(answers: Record<string, string>): string {
  return Object.entries(LABELS)
    .filter(([key]) => answers[key])
    .map(([key, label]) => `• ${label}: ${escapeMrkdwn(answers[key] ?? '')}`)
    .join('\n');
}

export function buildRetroAnswerReply(input: { userId: string; answers: Record<string, string> }): SlackMessage {
  return {
    text: `Retrospective from <@${input.userId}>`,
    blocks: [section(`<@${input.userId}>:\n${answerText(input.answers)}`)],
  };
}

export function buildRetroSummary(input: {
  release: Release;
  answers: RetroAnswer[];
  missing: string[];
}): SlackMessage {
  const blocks: KnownBlock[] = [header(`Retrospective summary · ${input.release.name}`)];
  for (const [key, label] of Object.entries(LABELS)) {
    const lines = input.answers
      .filter((a) => a.answers[key])
      .map((a) => `• ${escapeMrkdwn(a.answers[key] ?? '')} (<@${a.userId}>)`);
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
}): ModalView {
  const field = (blockId: string, key: string, optional: boolean): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: LABELS[key] ?? key },
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
    ],
  };
}
