import { byScore, HIGH_SCORE, riskScore } from '../../cadence/domain/risk.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import { ESCALATION_CATEGORIES, levelLabel } from '../../escalation/domain/escalation.ts';
import { listOpenEscalationsForRelease } from '../../escalation/usecases/list-escalations.ts';
import type { ReadinessProvider } from '../../polls/usecases/poll-readiness.ts';
import { getChecklistGate } from './get-checklist-gate.ts';

/** How many risks and escalations the poll names; the rest are counted. Keeps the poll well inside Slack's limits. */
export const READINESS_TOP = 3;
/** Typed text (risk titles, escalation summaries) is cut to this many characters before escaping. */
const SHOWN = 80;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return escapeMrkdwn(oneLine.length > SHOWN ? `${oneLine.slice(0, SHOWN - 1)}…` : oneLine);
}

function more(total: number, shown: number): string {
  return total > shown ? `\n   …and ${total - shown} more` : '';
}

/**
 * The release checklist (issue 6): all ticked, or the open items with their owner role, and whether the Release
 * Manager's override already covers them. Go is gated on this (see decide-poll).
 */
export const checklistReadinessProvider: ReadinessProvider = (deps, release) => {
  const gate = getChecklistGate(deps, release.id);
  if (gate.total === 0) return [];
  if (gate.canGoWithoutOverride) return [{ ok: true, text: `Checklist: all ${gate.total} items ticked.` }];
  const open = gate.open.map((item) => `${item.label} (${ROLE_LABELS[item.owner]})`).join(', ');
  const head = `Checklist: *${gate.open.length} of ${gate.total} items open*: ${open}.`;
  const tail =
    gate.coveredByOverride && gate.override
      ? `\n   Go with these items open was accepted by <@${gate.override.decidedBy}>: “${shorten(gate.override.rationale ?? '')}”`
      : '\n   Go needs every item ticked, or the Release Manager’s override reason (asked when deciding Go).';
  return [{ ok: false, text: head + tail }];
};

/** The risk register (issue 4): the open risks' count, how many are high, and the top ones by score. */
export const riskReadinessProvider: ReadinessProvider = (deps, release) => {
  const open = deps.store.risks
    .list(release.id)
    .filter((risk) => risk.status === 'open')
    .sort(byScore);
  if (open.length === 0) return [{ ok: true, text: 'Risks: none open.' }];
  const high = open.filter((risk) => riskScore(risk) >= HIGH_SCORE).length;
  const top = open
    .slice(0, READINESS_TOP)
    .map((risk) => {
      const owner = risk.ownerId ? ` · <@${risk.ownerId}>` : '';
      return `\n   #${risk.id} ${shorten(risk.title)} (score ${riskScore(risk)}${owner})`;
    })
    .join('');
  const count = `${open.length} open risk${open.length === 1 ? '' : 's'}`;
  return [
    {
      ok: false,
      text: `Risks: *${count}*${high > 0 ? `, ${high} high` : ''}. \`/release risks\`${top}${more(open.length, READINESS_TOP)}`,
    },
  ];
};

/** Escalations (issue 5): the release's unresolved escalations, oldest first, with their level and state. */
export const escalationReadinessProvider: ReadinessProvider = (deps, release) => {
  const open = listOpenEscalationsForRelease(deps, release);
  if (open.length === 0) return [{ ok: true, text: 'Escalations: none open.' }];
  const top = open
    .slice(0, READINESS_TOP)
    .map(({ escalation: e }) => {
      const category = e.category ? `${ESCALATION_CATEGORIES[e.category].label}, ` : '';
      return `\n   #${e.id} ${shorten(e.summary)} (${category}${levelLabel(e.level)}, ${e.status})`;
    })
    .join('');
  const count = `${open.length} open escalation${open.length === 1 ? '' : 's'}`;
  return [
    { ok: false, text: `Escalations: *${count}*. \`/release escalations\`${top}${more(open.length, READINESS_TOP)}` },
  ];
};
