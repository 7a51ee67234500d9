import type { KnownBlock } from '@slack/types';
import { emphasized, escapeMrkdwn } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import { POLL_ACTIVITIES, POLL_WORDING, type PollActivity } from '../../../polls/domain/go-no-go.ts';
import type { DecisionLogEntry } from '../../usecases/list-decisions.ts';
import { formatAuthorityDecision } from './authority.ts';

const KIND_LABELS: Record<string, string> = { go_no_go: 'Go/No-Go', rollback: 'Rollback', authority: 'Decision' };

function outcomeLabel(entry: DecisionLogEntry): string {
  const kind = entry.kind as string;
  if ((POLL_ACTIVITIES as readonly string[]).includes(kind)) {
    const wording = POLL_WORDING[kind as PollActivity];
    const side =
      entry.outcome === wording.outcomes.go ? 'go' : entry.outcome === wording.outcomes.no_go ? 'no_go' : null;
    return side ? wording.sides[side] : escapeMrkdwn(entry.outcome);
  }
  return escapeMrkdwn(entry.outcome);
}

function against(entry: DecisionLogEntry): boolean {
  const details = entry.details as { againstRecommendation?: unknown } | null;
  return details?.againstRecommendation === true;
}

/** On a rollback: the Tech Lead's call as the technical authority, and whether the decision went against it. */
function technicalCall(entry: DecisionLogEntry): string {
  const details = entry.details as { technicalCall?: { voterId?: unknown; side?: unknown; against?: unknown } | null };
  const call = details?.technicalCall;
  if (!call || typeof call.voterId !== 'string' || (call.side !== 'go' && call.side !== 'no_go')) return '';
  const side = POLL_WORDING.rollback.sides[call.side];
  return ` · technical call (Tech Lead <@${call.voterId}>): ${side}${call.against === true ? ', _decided against it_' : ''}`;
}

/** The decision log, newest first. Every typed text (outcomes, rationales, names) is escaped. */
export function buildDecisionLogMessage(log: {
  entries: DecisionLogEntry[];
  scope: Release | undefined;
}): SlackMessage {
  const where = log.scope ? ` for ${escapeMrkdwn(log.scope.name)}` : '';
  if (log.entries.length === 0) {
    return {
      text: `No decisions yet${where}`,
      blocks: [section(`No decisions recorded yet${where}. Go/no-go and rollback polls record theirs when decided.`)],
    };
  }
  const blocks: KnownBlock[] = [header(`Decisions${log.scope ? ` for ${log.scope.name}` : ''}`)];
  for (const entry of log.entries.slice(0, 40)) {
    if (entry.kind === 'authority') {
      // Authority decisions (issue 6), including the checklist override, read as the authority table words them.
      blocks.push(section(truncate(`${formatAuthorityDecision(entry)} · *${emphasized(entry.releaseName)}*`, 3000)));
      continue;
    }
    const area = entry.area ? ` (${escapeMrkdwn(entry.area)})` : '';
    const lines = [
      `*${KIND_LABELS[entry.kind] ?? entry.kind}${area}: ${outcomeLabel(entry)}* · *${emphasized(entry.releaseName)}*`,
      `by <@${entry.decidedBy}> ${formatInstant(entry.decidedAt)}${against(entry) ? ' · _against the recommendation_' : ''}${technicalCall(entry)}`,
    ];
    if (entry.rationale) lines.push(`> ${escapeMrkdwn(truncate(entry.rationale, 1500)).replaceAll('\n', '\n> ')}`);
    blocks.push(section(lines.join('\n')));
  }
  blocks.push(
    context('Newest first. Every vote behind a poll decision is kept in the poll message and the audit log.'),
  );
  return { text: `${log.entries.length} decisions${where}`, blocks };
}
