import { escapeMrkdwn } from './markup.ts';

/** How many risks and escalations the poll names; the rest are counted. Keeps the poll well inside Slack's limits. */
export const READINESS_TOP = 3;
/** Typed text (risk titles, escalation summaries) is cut to this many characters before escaping. */
const SHOWN = 80;

/** Typed text for one readiness line: on one line, cut to a length the poll can show, escaped. */
export function shortenForReadiness(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return escapeMrkdwn(oneLine.length > SHOWN ? `${oneLine.slice(0, SHOWN - 1)}…` : oneLine);
}

/** "…and 4 more" under a readiness line that names only the first few. */
export function moreThanShown(total: number, shown: number): string {
  return total > shown ? `\n   …and ${total - shown} more` : '';
}
