import type { KnownBlock, ModalView } from '@slack/types';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../core/ids.ts';
import { formatDaysToTarget, formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import {
  isOverdue,
  type ReportedRisk,
  type ReviewRequest,
  type Risk,
  type RiskChangeKind,
  type RiskReport,
  riskBand,
  riskScore,
  type Trend,
} from '../../domain/risk.ts';
import { type RiskReviewState, reviewLeft, reviewTotal, type WeeklyNoteAsk } from '../../domain/risk-review.ts';

export function riskLine(risk: Risk, today?: string): string {
  const owner = risk.ownerId ? `<@${risk.ownerId}>` : '_no owner_';
  const due = risk.dueDate
    ? ` · due ${risk.dueDate}${today && isOverdue(risk, today) ? ' :warning: overdue' : ''}`
    : '';
  const status = risk.status === 'open' ? '' : ` · _${risk.status}_`;
  return (
    `*#${risk.id} ${escapeMrkdwn(risk.title)}* — score *${riskScore(risk)}* (severity ${risk.severity} × likelihood ${risk.likelihood})` +
    `\nOwner ${owner}${due}${status}` +
    (risk.mitigation ? `\nMitigation: ${escapeMrkdwn(risk.mitigation)}` : '')
  );
}

function updateButton(risk: Risk): KnownBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: riskLine(risk) },
    accessory: {
      type: 'button',
      action_id: ACTION_IDS.riskUpdate,
      text: { type: 'plain_text', text: 'Update' },
      value: String(risk.id),
    },
  };
}

export function buildRiskListMessage(input: { release: Release; risks: Risk[]; today: string }): SlackMessage {
  if (input.risks.length === 0) {
    return {
      text: 'No open risks',
      blocks: [
        section(
          `${releaseLabel(input.release)} has no open risks. Add one with \`/release risk add &lt;title&gt; severity:&lt;1-5&gt; likelihood:&lt;1-5&gt;\`.`,
        ),
      ],
    };
  }
  const shown = input.risks.slice(0, 40);
  const blocks: KnownBlock[] = [header(`Risks · ${input.release.name} (${input.risks.length} open)`)];
  for (const risk of shown) {
    const block = updateButton(risk);
    if (block.type === 'section') block.text = { type: 'mrkdwn', text: riskLine(risk, input.today) };
    blocks.push(block);
  }
  if (input.risks.length > shown.length) blocks.push(context(`…and ${input.risks.length - shown.length} more.`));
  blocks.push(context('Highest score first; score = severity × likelihood.'));
  return { text: `${input.risks.length} open risks in ${escapeMrkdwn(input.release.name)}`, blocks };
}

const LEVELS = [1, 2, 3, 4, 5].map((n) => ({
  text: { type: 'plain_text' as const, text: String(n) },
  value: String(n),
}));

function levelSelect(blockId: string, label: string, initial: number | undefined): KnownBlock {
  const initialOption = LEVELS.find((o) => o.value === String(initial));
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'static_select',
      action_id: INPUT_ACTION_ID,
      options: LEVELS,
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
}

/** Adding (no risk) or updating a risk. The release and risk ride in `private_metadata`. */
export function buildRiskModal(input: { release: Release; risk?: Risk }): ModalView {
  const { risk } = input;
  return {
    type: 'modal',
    callback_id: risk ? CALLBACK_IDS.riskUpdate : CALLBACK_IDS.riskAdd,
    private_metadata: JSON.stringify({ releaseId: input.release.id, riskId: risk?.id }),
    title: { type: 'plain_text', text: risk ? `Update risk #${risk.id}`.slice(0, 24) : 'New risk' },
    submit: { type: 'plain_text', text: risk ? 'Save' : 'Add risk' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      context(`Risk register of ${releaseLabel(input.release)}`),
      {
        type: 'input',
        block_id: BLOCK_IDS.riskTitle,
        label: { type: 'plain_text', text: 'Title' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          max_length: 150,
          ...(risk ? { initial_value: risk.title } : {}),
        },
      },
      levelSelect(BLOCK_IDS.riskSeverity, 'Severity (1 low – 5 critical)', risk?.severity),
      levelSelect(BLOCK_IDS.riskLikelihood, 'Likelihood (1 rare – 5 almost certain)', risk?.likelihood),
      {
        type: 'input',
        block_id: BLOCK_IDS.riskOwner,
        optional: true,
        label: { type: 'plain_text', text: 'Owner' },
        element: {
          type: 'users_select',
          action_id: INPUT_ACTION_ID,
          ...(risk?.ownerId ? { initial_user: risk.ownerId } : {}),
        },
      },
      {
        type: 'input',
        block_id: BLOCK_IDS.riskMitigation,
        optional: true,
        label: { type: 'plain_text', text: 'Mitigation' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: true,
          max_length: 1000,
          ...(risk?.mitigation ? { initial_value: risk.mitigation } : {}),
        },
      },
      {
        type: 'input',
        block_id: BLOCK_IDS.riskDue,
        optional: true,
        label: { type: 'plain_text', text: 'Mitigation due' },
        element: {
          type: 'datepicker',
          action_id: INPUT_ACTION_ID,
          ...(risk?.dueDate ? { initial_date: risk.dueDate } : {}),
        },
      },
    ],
  };
}

const LOOK_WORD: Record<RiskChangeKind, string> = {
  created: 'added',
  updated: 'updated',
  reviewed: 'still valid',
  mitigated: 'mitigated',
  closed: 'closed',
};

function reviewButtons(risk: Risk): KnownBlock {
  const button = (action_id: string, text: string) => ({
    type: 'button' as const,
    action_id,
    text: { type: 'plain_text' as const, text },
    value: String(risk.id),
  });
  return {
    type: 'actions',
    elements: [
      button(ACTION_IDS.riskStillValid, 'Still valid'),
      button(ACTION_IDS.riskMitigated, 'Mitigated'),
      button(ACTION_IDS.riskUpdate, 'Update'),
    ],
  };
}

/** At most this many risks left per owner get their buttons: the message stays within Slack's 50 blocks. */
const LEFT_WITH_BUTTONS = 8;

/**
 * The weekly risk review, a view of its state: per owner, the risks already looked at this week (by whom, when,
 * and what they said) and the ones left, each with its buttons. Buttons go as risks are reviewed; when none is left
 * the message says so and has no review button. A weekly note already added shows who added it instead of its button.
 */
export function buildRiskReviewRequest(input: { release: Release; state: RiskReviewState }): SlackMessage {
  const { release, state } = input;
  const left = reviewLeft(state);
  const total = reviewTotal(state);
  const blocks: KnownBlock[] = [
    header(`Weekly risk review · ${release.name}`),
    section(
      total === 0
        ? `The weekly risk report goes out ${formatInstant(state.reportAt)}.`
        : left === 0
          ? `:white_check_mark: All ${total} risks are reviewed. The weekly risk report goes out ${formatInstant(state.reportAt)}.`
          : `${total - left} of ${total} risks reviewed, ${left} left. The weekly risk report goes out ${formatInstant(state.reportAt)}. Before then:`,
    ),
  ];
  for (const { owner, items } of state.owners) {
    const done = items.filter((i) => i.look);
    const todo = items.filter((i) => !i.look);
    blocks.push(
      section(
        todo.length === 0
          ? `<@${owner}>: all ${items.length} reviewed :white_check_mark:`
          : `<@${owner}>, please review the risks you own (${done.length} of ${items.length} done):`,
      ),
    );
    if (done.length > 0) {
      const lines = done.map(({ risk, look }) =>
        look
          ? `:white_check_mark: #${risk.id} ${escapeMrkdwn(risk.title)}: ${LOOK_WORD[look.change]}, by <@${look.by}> ${formatInstant(look.at)}`
          : '',
      );
      blocks.push(context(lines.join('\n')));
    }
    for (const { risk } of todo.slice(0, LEFT_WITH_BUTTONS)) blocks.push(section(riskLine(risk)), reviewButtons(risk));
    const more = todo.length - LEFT_WITH_BUTTONS;
    if (more > 0)
      blocks.push(context(`…and ${more} more left: \`/release risk list\` has an *Update* button for each.`));
  }
  if (state.owners.length === 0) blocks.push(section('No open risk has an owner to review it.'));
  const what: Record<WeeklyNoteAsk['kind'], string> = {
    progress: 'an overall progress note',
    features: 'the feature status and changes',
  };
  for (const ask of state.notes) {
    if (ask.added.length > 0) {
      const by = ask.added.map((n) => `<@${n.userId}> ${formatInstant(n.at)}`).join(', ');
      blocks.push(
        section(`:white_check_mark: ${ask.kind === 'progress' ? 'Progress note' : 'Feature status'} added by ${by}.`),
      );
      continue;
    }
    if (ask.from.length === 0) continue;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${ask.from.map((u) => `<@${u}>`).join(', ')}: please add ${what[ask.kind]}.` },
      accessory: {
        type: 'button',
        action_id: ACTION_IDS.weeklyNote,
        text: { type: 'plain_text', text: ask.kind === 'progress' ? 'Add progress note' : 'Add feature status' },
        value: JSON.stringify({ releaseId: release.id, slot: state.slot, kind: ask.kind }),
      },
    });
  }
  return { text: `Weekly risk review for ${escapeMrkdwn(release.name)}`, blocks: blocks.slice(0, 50) };
}

function formatTrend(trend: Trend): string {
  if (!trend) return '_first report: no trend yet_';
  const arrow = (n: number) => (n > 0 ? `↑ +${n}` : n < 0 ? `↓ ${n}` : '→ 0');
  return `open ${arrow(trend.openDelta)} · exposure ${arrow(trend.scoreDelta)} · high ${arrow(trend.highDelta)} vs last report`;
}

/** Who a user id is in the report's text: a name, never a mention (people are mentioned once, to review). */
export type NameOf = (userId: string) => string;

/** Mentions in other capabilities' lines become names: the report mentions people only where it asks them to act. */
export function unmention(text: string, nameOf: NameOf): string {
  return text.replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => escapeMrkdwn(nameOf(id)));
}

const STATUS_WORD: Record<string, string> = { open: 'open', mitigated: 'mitigated', closed: 'closed' };

function changeText(item: ReportedRisk): string {
  return item.changes
    .map((c) =>
      c.kind === 'new'
        ? '_new_'
        : c.kind === 'score'
          ? `${c.to > c.from ? '↑ score up' : '↓ score down'} ${c.from} → ${c.to}`
          : `${STATUS_WORD[c.from]} → ${STATUS_WORD[c.to]}`,
    )
    .join(' · ');
}

function reportLine(item: ReportedRisk, nameOf: NameOf): string {
  const { risk } = item;
  const score = riskScore(risk);
  const facts = [
    `score *${score}* ${riskBand(score)} (severity ${risk.severity} × likelihood ${risk.likelihood})`,
    risk.ownerId ? `owner ${escapeMrkdwn(nameOf(risk.ownerId))}` : ':warning: no owner',
    ...(risk.dueDate ? [`due ${risk.dueDate}${item.flags.includes('overdue') ? ' :warning: overdue' : ''}`] : []),
    ...(risk.status === 'open' || item.changes.some((c) => c.kind === 'status') ? [] : [`_${risk.status}_`]),
  ];
  const change = item.changes.length > 0 ? ` — ${changeText(item)}` : '';
  return `*#${risk.id} ${escapeMrkdwn(risk.title)}*${change}\n${facts.join(' · ')}`;
}

function riskSection(title: string, items: ReportedRisk[], nameOf: NameOf, empty?: string): KnownBlock[] {
  if (items.length === 0) return empty ? [section(`*${title}*\n${empty}`)] : [];
  const shown = items.slice(0, 10).map((item) => reportLine(item, nameOf));
  const more = items.length - shown.length;
  return [section(`*${title}*\n${shown.join('\n')}${more > 0 ? `\n…and ${more} more` : ''}`)];
}

function reviewLine(request: ReviewRequest): string {
  const ids = (list: number[]) => list.map((id) => `#${id}`).join(', ');
  const parts = [
    ...(request.review.length > 0 ? [`review ${ids(request.review)}`] : []),
    ...(request.assign.length > 0 ? [`give ${ids(request.assign)} an owner`] : []),
  ];
  return `<@${request.userId}> ${parts.join('; ')}`;
}

const NOTE_LABEL: Record<string, string> = { progress: 'Progress', features: 'Feature status' };

/**
 * The weekly risk report. Each risk is in one section only, each person is mentioned at most once (in "Needs your
 * review"; everywhere else by name), and everything the charts show is also in the text.
 */
export function buildRiskReportMessage(input: {
  release: Release;
  report: RiskReport;
  notes: Array<{ userId: string; kind: string; text: string }>;
  extras: string[];
  nameOf?: NameOf;
}): SlackMessage {
  const { report } = input;
  const nameOf = input.nameOf ?? ((id: string) => id);
  const totals = report.totals;
  const bands = `high ${totals.highCount} · medium ${totals.mediumCount ?? 0} · low ${totals.lowCount ?? 0}`;
  const since = report.since.toISOString().slice(0, 10);
  const blocks: KnownBlock[] = [
    header(`Risk report · ${input.release.name}`),
    section(
      `*Target* ${input.release.targetDate} (${formatDaysToTarget(report.daysToTarget)}) · ` +
        `*Open risks* ${totals.openCount} (${bands}) · *Open exposure* ${totals.totalScore}` +
        ` · *Mitigated* ${totals.mitigatedCount ?? 0}\n*Trend*: ${formatTrend(report.trend)}`,
    ),
    ...riskSection('Top open risks, by score', report.top, nameOf, '_none open_'),
    ...riskSection(`Changed since ${since}`, report.changed, nameOf),
    ...riskSection(`Closed since ${since}`, report.closed, nameOf),
  ];
  if (report.mitigated.length > 0) {
    const shown = report.mitigated.slice(0, 15).map((r) => `#${r.id} ${escapeMrkdwn(r.title)}`);
    const more = report.mitigated.length - shown.length;
    blocks.push(
      section(
        `*Mitigated* (not counted in the open exposure): ${shown.join(' · ')}${more > 0 ? ` · …and ${more} more` : ''}`,
      ),
    );
  }
  if (report.otherOpen.length > 0) {
    const ids = report.otherOpen
      .slice(0, 30)
      .map(
        (r) =>
          `#${r.risk.id}${r.flags.includes('no_owner') ? ' (no owner)' : r.flags.includes('overdue') ? ' (overdue)' : ''}`,
      );
    const more = report.otherOpen.length - ids.length;
    blocks.push(
      context(
        `Also open: ${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''} · \`/release risk list\` shows them all`,
      ),
    );
  }
  for (const note of input.notes) {
    blocks.push(
      section(
        `*${NOTE_LABEL[note.kind] ?? note.kind}* (${escapeMrkdwn(nameOf(note.userId))})\n${escapeMrkdwn(note.text)}`,
      ),
    );
  }
  for (const extra of input.extras) blocks.push(section(unmention(extra, nameOf)));
  blocks.push(
    section(
      report.needsReview.length > 0
        ? `*Needs your review*: ${report.needsReview.map(reviewLine).join(' · ')}`
        : '*Needs your review*: nobody; every open risk was looked at since the last report',
    ),
  );
  const topRisk = report.top[0]?.risk;
  const topText = topRisk ? `; top: #${topRisk.id} (score ${riskScore(topRisk)})` : '';
  return {
    text: `Risk report for ${escapeMrkdwn(input.release.name)}: ${totals.openCount} open, exposure ${totals.totalScore}${topText}`,
    blocks: blocks.slice(0, 50),
  };
}

export function buildWeeklyNoteModal(input: { releaseId: number; slot: string; kind: string }): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.weeklyNote,
    private_metadata: JSON.stringify(input),
    title: { type: 'plain_text', text: input.kind === 'progress' ? 'Progress note' : 'Feature status' },
    submit: { type: 'plain_text', text: 'Save' },
    blocks: [
      {
        type: 'input',
        block_id: BLOCK_IDS.weeklyNote,
        label: {
          type: 'plain_text',
          text: input.kind === 'progress' ? 'Overall progress' : 'Feature status and changes',
        },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION_ID, multiline: true, max_length: 2000 },
      },
    ],
  };
}
