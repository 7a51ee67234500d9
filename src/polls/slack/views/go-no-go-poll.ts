import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../../core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { MAX_OVERRIDE_REASON } from '../../../governance/domain/checklist.ts';
import { formatDate, formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll, truncate } from '../../../platform/slack/views/mrkdwn.ts';
import {
  type DecisionSide,
  POLL_WORDING,
  type PollActivity,
  type Recommendation,
  type RoleNote,
  type VoteValue,
} from '../../domain/go-no-go.ts';
import type { DecideChecklist } from '../../usecases/decide-poll.ts';
import type { PollView } from '../../usecases/poll-view.ts';
import type { OpenPollState } from '../../usecases/poll-waiting.ts';

const VOTE_ICONS: Record<VoteValue, string> = {
  go: ':white_check_mark:',
  go_with_conditions: ':large_yellow_circle:',
  no_go: ':no_entry:',
};

/** A vote button's value: the poll and the role, never any state. */
export function voteButtonValue(pollId: number, role: string): string {
  return `${pollId}:${role}`;
}

function plain(text: string, max = 75) {
  return { type: 'plain_text' as const, text: truncate(text, max), emoji: true };
}

function quote(note: string): string {
  return escapeMrkdwn(note)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function notesList(notes: readonly RoleNote[]): string {
  return notes.map((n) => `• *${ROLE_LABELS[n.role]}* (<@${n.voterId}>): ${escapeMrkdwn(n.note)}`).join('\n');
}

export function describeRecommendation(activity: PollActivity, rec: Recommendation): string {
  const sides = POLL_WORDING[activity].sides;
  if (!rec.complete) {
    const waiting = rec.waitingFor.map((r) => ROLE_LABELS[r]).join(', ');
    const objections = rec.objections.length > 0 ? `\n*Objections*\n${notesList(rec.objections)}` : '';
    // An objection already rules out Go; without one, nothing is recommended until every voting role has voted.
    return rec.objections.length > 0
      ? `*Recommendation so far: ${sides.no_go}* (waiting for ${waiting})${objections}`
      : `*Recommendation: not yet*, waiting for ${waiting}`;
  }
  if (rec.side === 'go') {
    const conditions = rec.conditions.length > 0 ? `\n*Conditions*\n${notesList(rec.conditions)}` : '';
    return `*Recommendation: ${sides.go}*: every voting role said ${sides.go}.${conditions}`;
  }
  return `*Recommendation: ${sides.no_go}*\n*Objections*\n${notesList(rec.objections)}`;
}

function roleLine(view: PollView, index: number): string {
  const { role, holders, vote } = view.tally.roles[index] as PollView['tally']['roles'][number];
  const votes = POLL_WORDING[view.poll.activity].votes;
  const who = mentionAll(holders, '_nobody holds this role_');
  const lines = [`*${ROLE_LABELS[role]}* · ${who}`];
  if (!vote) lines.push(':hourglass_flowing_sand: _waiting_');
  else {
    const by = holders.length > 1 ? ` by <@${vote.voterId}>` : '';
    lines.push(`${VOTE_ICONS[vote.value]} *${votes[vote.value]}*${by} · ${formatInstant(vote.at)}`);
    if (vote.note) lines.push(quote(vote.note));
  }
  return lines.join('\n');
}

function voteActions(view: PollView, role: string): ActionsBlock {
  const votes = POLL_WORDING[view.poll.activity].votes;
  const value = voteButtonValue(view.poll.id, role);
  const button = (actionId: string, text: string, style?: 'primary' | 'danger'): Button => ({
    type: 'button',
    action_id: actionId,
    text: plain(text),
    value,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `${BLOCK_IDS.pollVotePrefix}${role}`,
    elements: [
      button(ACTION_IDS.pollVoteGo, votes.go, 'primary'),
      button(ACTION_IDS.pollVoteConditions, votes.go_with_conditions),
      button(ACTION_IDS.pollVoteNoGo, votes.no_go, 'danger'),
    ],
  };
}

function readinessSection(view: PollView): KnownBlock {
  if (view.readiness.length === 0) return context('*Readiness*: no readiness data yet.');
  const lines = view.readiness.map((item) => `${item.ok ? ':white_check_mark:' : ':warning:'} ${item.text}`);
  return section(`*Readiness*\n${lines.slice(0, 20).join('\n')}`);
}

function finalSections(view: PollView): KnownBlock[] {
  const { poll } = view;
  const wording = POLL_WORDING[poll.activity];
  const side = poll.decision as DecisionSide;
  const decidedAt = poll.decidedAt ? formatInstant(poll.decidedAt) : '';
  const blocks: KnownBlock[] = [section(`*Decision: ${wording.sides[side]}* by <@${poll.decidedBy}> ${decidedAt}`)];
  const rec = view.recommendation;
  const against = side !== rec.side;
  if (against) {
    blocks.push(section(':scales: *Decided against the recommendation.* Both sides are on record:'));
  }
  blocks.push(section(describeRecommendation(poll.activity, rec)));
  if (poll.rationale) {
    const title = against ? `Why <@${poll.decidedBy}> decided ${wording.sides[side]}` : 'Rationale';
    blocks.push(section(`*${title}*\n${quote(poll.rationale)}`));
  }
  return blocks;
}

/** The poll message: always rendered from the database state in `view`. */
export function buildPollMessage(view: PollView): SlackMessage {
  const { poll, release } = view;
  const wording = POLL_WORDING[poll.activity];
  const open = poll.status === 'open';
  const name = escapeMrkdwn(release.name);
  const voted = view.tally.roles.filter((r) => r.vote).length;
  const total = view.tally.roles.length;
  const blocks: KnownBlock[] = [
    header(
      open
        ? `${wording.title}: ${release.name}`
        : `${wording.title}: ${release.name}: ${wording.sides[poll.decision as DecisionSide]}`,
    ),
    section(
      `Release *${name}* · target ${formatDate(release.targetDate)} · opened by <@${poll.openedBy}> ${formatInstant(poll.openedAt)}` +
        (poll.deadlineAt && open ? `\nDeadline: ${formatInstant(poll.deadlineAt)}` : ''),
    ),
  ];
  if (open) blocks.push(section(describeRecommendation(poll.activity, view.recommendation)));
  else blocks.push(...finalSections(view));
  blocks.push({ type: 'divider' });
  view.tally.roles.forEach((entry, index) => {
    blocks.push({
      ...section(roleLine(view, index)),
      block_id: `${BLOCK_IDS.pollRolePrefix}${entry.role}`,
    } as KnownBlock);
    if (open) blocks.push(voteActions(view, entry.role));
  });
  if (view.tally.consulted.length > 0) {
    const consulted = view.tally.consulted
      .map((c) => `${ROLE_LABELS[c.role]} ${mentionAll(c.holders, '_unassigned_')}`)
      .join(', ');
    blocks.push(context(`*Consulted* (comment in the thread; no vote): ${consulted}`));
  }
  blocks.push(readinessSection(view));
  if (open) {
    const deciders = mentionAll(view.assignments.filter((a) => a.role === view.roles.decider).map((a) => a.userId));
    blocks.push(
      context(`${ROLE_LABELS[view.roles.decider]} ${deciders} makes the final call. Votes can change until then.`),
    );
    blocks.push({
      type: 'actions',
      block_id: BLOCK_IDS.pollDecide,
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.pollDecideGo,
          text: plain(`Decide ${wording.sides.go}`),
          value: String(poll.id),
        },
        {
          type: 'button',
          action_id: ACTION_IDS.pollDecideNoGo,
          text: plain(`Decide ${wording.sides.no_go}`),
          value: String(poll.id),
        },
      ],
    });
  }
  const state = open
    ? `recommendation ${wording.sides[view.recommendation.side]} (${voted}/${total} voted)`
    : `decided ${wording.sides[poll.decision as DecisionSide]}`;
  return { text: `${wording.title} for ${name}: ${state}`, blocks };
}

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
    title: plain(truncate(wording.votes[input.value], 24), 24),
    submit: plain('Vote'),
    close: plain('Cancel'),
    blocks: [
      section(
        `${ROLE_LABELS[input.role as keyof typeof ROLE_LABELS] ?? input.role} vote on *${escapeMrkdwn(input.releaseName)}*: *${wording.votes[input.value]}*`,
      ),
      {
        type: 'input',
        block_id: BLOCK_IDS.pollNote,
        label: plain(isNoGo ? 'Reason (required)' : 'Conditions (required)', 2000),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: true,
          max_length: 1000,
          ...(input.current ? { initial_value: input.current } : {}),
          placeholder: plain(isNoGo ? 'What blocks the release?' : 'What must be true to go?', 150),
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
  /** The release checklist as the gate on Go sees it (empty `open` for a rollback or when all is ticked). */
  checklist?: DecideChecklist | undefined;
}): ModalView {
  const wording = POLL_WORDING[input.activity];
  const against = input.side !== input.recommendation.side;
  const gated = input.side === 'go' && input.activity === 'go_no_go' ? input.checklist : undefined;
  const askOverride = gated !== undefined && gated.open.length > 0 && gated.coveredBy === undefined;
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.pollDecide,
    private_metadata: JSON.stringify({ pollId: input.pollId, side: input.side, askOverride }),
    title: plain(truncate(`Decide: ${wording.sides[input.side]}`, 24), 24),
    submit: plain('Decide'),
    close: plain('Cancel'),
    blocks: [
      section(`Decide *${wording.sides[input.side]}* on *${escapeMrkdwn(input.releaseName)}*.`),
      section(describeRecommendation(input.activity, input.recommendation)),
      {
        type: 'input',
        block_id: BLOCK_IDS.pollRationale,
        optional: !against,
        label: plain(against ? 'Rationale (required: against the recommendation)' : 'Rationale (optional)', 2000),
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
      label: plain('Override reason (Go with items open)', 2000),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        multiline: true,
        max_length: MAX_OVERRIDE_REASON,
        placeholder: plain('e.g. monitoring dashboards follow tomorrow; alerts are live', 150),
      },
    },
  ];
}

/** The short notice in the poll's thread once decided. */
export function buildDecisionNotice(view: PollView): string {
  const { poll, release } = view;
  const wording = POLL_WORDING[poll.activity];
  const side = poll.decision as DecisionSide;
  const against =
    side !== view.recommendation.side ? ` against the recommendation (${wording.sides[view.recommendation.side]})` : '';
  const status =
    poll.activity === 'go_no_go'
      ? side === 'go'
        ? ` *${escapeMrkdwn(release.name)}* is now approved for deployment.`
        : ' The release stays open; a new poll can be opened later with `/release gonogo`.'
      : '';
  return `<@${poll.decidedBy}> decided *${wording.sides[side]}*${against}.${status}`;
}

/** `/release status`: each open poll with its tally and recommendation. */
export function buildPollStatusBlocks(states: readonly OpenPollState[]): KnownBlock[] {
  return states.map((state) => {
    const wording = POLL_WORDING[state.poll.activity];
    const voted = state.tally.roles.filter((r) => r.vote).length;
    const votes = state.tally.roles
      .map((r) => `${ROLE_LABELS[r.role]}: ${r.vote ? wording.votes[r.vote.value] : '_waiting_'}`)
      .join(' · ');
    return section(
      `*${wording.title} open* (${voted}/${state.tally.roles.length} voted, recommendation ${wording.sides[state.recommendation.side]})\n${votes}`,
    );
  });
}
