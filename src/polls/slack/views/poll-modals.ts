import type { KnownBlock, ModalView } from '@slack/types';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../../core/domain/roles.ts';
import { BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { MAX_OVERRIDE_REASON } from '../../../governance/domain/checklist.ts';
import { context, plainText, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import {
  type DecisionSide,
  POLL_WORDING,
  type PollActivity,
  type Recommendation,
  type TechnicalCall,
  type VoteValue,
} from '../../domain/go-no-go.ts';
import type { DecideChecklist } from '../../usecases/decide-poll.ts';
import { describeRecommendation, describeTechnicalCall } from './go-no-go-poll.ts';

/** The modal asking for the conditions (Go with conditions) or the reason (No-Go). */
export function buildVoteNoteModal(input: {
  pollId: number;
  role: string;
  value: VoteValue;
  activity: PollActivity;
  releaseName: string;
  current: string | null;
}): ModalView {
  const wording = POLL_WORDING[input.activity];
  const isNoGo = input.value === 'no_go';
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.pollVoteNote,
    private_metadata: JSON.stringify({ pollId: input.pollId, role: input.role, value: input.value }),
    title: plainText(truncate(wording.votes[input.value], 24), 24),
    submit: plainText('Vote'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `${ROLE_LABELS[input.role as keyof typeof ROLE_LABELS] ?? input.role} vote on *${emphasized(input.releaseName)}*: *${wording.votes[input.value]}*`,
      ),
      {
        type: 'input',
        block_id: BLOCK_IDS.pollNote,
        label: plainText(isNoGo ? 'Reason (required)' : 'Conditions (required)', 2000),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: true,
          max_length: 1000,
          ...(input.current ? { initial_value: input.current } : {}),
          placeholder: plainText(isNoGo ? 'What blocks the release?' : 'What must be true to go?', 150),
        },
      },
    ],
  };
}

/** The modal for the decider's final call, with the rationale (required when against the recommendation). */
export function buildDecideModal(input: {
  pollId: number;
  side: DecisionSide;
  activity: PollActivity;
  releaseName: string;
  recommendation: Recommendation;
  /** The technical authority's call (the Tech Lead on a rollback); deciding against it needs a rationale too. */
  technical?: TechnicalCall | undefined;
  /** The release checklist as the gate on Go sees it (empty `open` for a rollback or when all is ticked). */
  checklist?: DecideChecklist | undefined;
}): ModalView {
  const wording = POLL_WORDING[input.activity];
  const againstTechnical = input.technical !== undefined && input.side !== input.technical.side;
  const against = input.side !== input.recommendation.side || againstTechnical;
  const requiredWhy =
    input.side !== input.recommendation.side
      ? 'Rationale (required: against the recommendation)'
      : 'Rationale (required: against the technical call)';
  const gated = input.side === 'go' && input.activity === 'go_no_go' ? input.checklist : undefined;
  const askOverride = gated !== undefined && gated.open.length > 0 && gated.coveredBy === undefined;
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.pollDecide,
    private_metadata: JSON.stringify({ pollId: input.pollId, side: input.side, askOverride }),
    title: plainText(truncate(`Decide: ${wording.sides[input.side]}`, 24), 24),
    submit: plainText('Decide'),
    close: plainText('Cancel'),
    blocks: [
      section(`Decide *${wording.sides[input.side]}* on *${emphasized(input.releaseName)}*.`),
      section(describeRecommendation(input.activity, input.recommendation)),
      ...(input.technical ? [section(describeTechnicalCall(input.activity, input.technical))] : []),
      {
        type: 'input',
        block_id: BLOCK_IDS.pollRationale,
        optional: !against,
        label: plainText(against ? requiredWhy : 'Rationale', 2000),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION_ID, multiline: true, max_length: 1000 },
      },
      ...(gated ? checklistGateBlocks(gated, askOverride) : []),
    ],
  };
}

/** The Decide Go form's checklist part: all ticked, already overridden, or the open items and the reason field. */
function checklistGateBlocks(checklist: DecideChecklist, askOverride: boolean): KnownBlock[] {
  if (checklist.total === 0) return [];
  if (checklist.open.length === 0) {
    return [context(`:white_check_mark: Checklist: all ${checklist.total} items ticked.`)];
  }
  const items = checklist.open.map((item) => `• ${escapeMrkdwn(item.label)} (${ROLE_LABELS[item.owner]})`).join('\n');
  const head = `:warning: *Checklist: ${checklist.open.length} of ${checklist.total} items open*\n${items}`;
  if (!askOverride) {
    const by = checklist.coveredBy ? ` by <@${checklist.coveredBy.decidedBy}>` : '';
    return [
      section(truncate(`${head}\nGo with these items open was already accepted${by} (override recorded).`, 3000)),
    ];
  }
  return [
    section(
      truncate(
        `${head}\nGo with items open needs the Release Manager’s override: write why it is acceptable. ` +
          'The reason is recorded and announced in the channel, before the Go decision.',
        3000,
      ),
    ),
    {
      type: 'input',
      block_id: BLOCK_IDS.pollOverride,
      label: plainText('Override reason (Go with items open)', 2000),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        multiline: true,
        max_length: MAX_OVERRIDE_REASON,
        placeholder: plainText('e.g. monitoring dashboards follow tomorrow; alerts are live', 150),
      },
    },
  ];
}
