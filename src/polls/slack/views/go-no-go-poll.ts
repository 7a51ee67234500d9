import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../../core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../../core/ids.ts';
import { formatDate, formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, plainText, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import {
  type DecisionSide,
  POLL_WORDING,
  type PollActivity,
  type Recommendation,
  type RoleNote,
  TECHNICAL_AUTHORITY,
  type TechnicalCall,
  type VoteValue,
} from '../../domain/go-no-go.ts';
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

/** "Technical authority (Tech Lead <@U…>): Roll back", with the reason or conditions quoted. */
export function describeTechnicalCall(activity: PollActivity, call: TechnicalCall): string {
  const note = call.note ? `\n${quote(call.note)}` : '';
  return (
    `:wrench: *Technical authority's call* (${ROLE_LABELS[call.role]} <@${call.voterId}>): ` +
    `*${POLL_WORDING[activity].sides[call.side]}*${note}`
  );
}

function roleLine(view: PollView, index: number): string {
  const { role, holders, vote } = view.tally.roles[index] as PollView['tally']['roles'][number];
  const votes = POLL_WORDING[view.poll.activity].votes;
  const who = mentionAll(holders, '_nobody holds this role_');
  const authority = TECHNICAL_AUTHORITY[view.poll.activity] === role ? ' · _technical authority_' : '';
  const lines = [`*${ROLE_LABELS[role]}*${authority} · ${who}`];
  if (!vote) lines.push(':hourglass_flowing_sand: _waiting_');
  else {
    const by = vote.onBehalfOf
      ? ` by <@${vote.voterId}> for <@${vote.onBehalfOf}>`
      : holders.length > 1
        ? ` by <@${vote.voterId}>`
        : '';
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
    text: plainText(text),
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
  const againstTechnical = view.technical !== undefined && view.technical.side !== side;
  if (view.technical) {
    blocks.push(
      section(
        describeTechnicalCall(poll.activity, view.technical) +
          (againstTechnical ? `\n:scales: <@${poll.decidedBy}> decided against the technical call.` : ''),
      ),
    );
  }
  if (poll.rationale) {
    const title = against || againstTechnical ? `Why <@${poll.decidedBy}> decided ${wording.sides[side]}` : 'Rationale';
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
        ? `${wording.title} · ${release.name}`
        : `${wording.title} · ${release.name} · ${wording.sides[poll.decision as DecisionSide]}`,
    ),
    section(
      `Release *${name}* · target ${formatDate(release.targetDate)} · opened by <@${poll.openedBy}> ${formatInstant(poll.openedAt)}` +
        (poll.deadlineAt && open ? `\nDeadline: ${formatInstant(poll.deadlineAt)}` : ''),
    ),
  ];
  if (open) {
    blocks.push(section(describeRecommendation(poll.activity, view.recommendation)));
    if (view.technical) blocks.push(section(describeTechnicalCall(poll.activity, view.technical)));
  } else blocks.push(...finalSections(view));
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
  blocks.push(...view.sections);
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
          text: plainText(`Decide ${wording.sides.go}`),
          value: String(poll.id),
        },
        {
          type: 'button',
          action_id: ACTION_IDS.pollDecideNoGo,
          text: plainText(`Decide ${wording.sides.no_go}`),
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
        ? ` *${emphasized(release.name)}* is now approved for deployment.`
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
