import { type CalendarDate, daysBetween, parseCalendarDate } from '../../core/domain/calendar.ts';
import { code } from '../../core/domain/markup.ts';
import type { ReleaseDates } from '../../core/domain/schedule-change.ts';

/**
 * Moving a release's dates (seed: the Release Manager has final authority on release schedule adjustments). Pure:
 * the caller passes the release's dates and today's date in its time zone.
 */
export const MAX_RESCHEDULE_REASON = 1000;

export type RescheduleDraft = {
  target: string | undefined;
  /** `<first day>..<last day>`; absent keeps the current window. */
  window: string | undefined;
  reason: string | undefined;
};

export type RescheduleDecision = { ok: true; after: ReleaseDates; reason: string } | { ok: false; message: string };

const WINDOW_SYNTAX = 'Write the window as `window:&lt;first day&gt;..&lt;last day&gt;`, two dates joined by `..`.';

function formatWindow(dates: Pick<ReleaseDates, 'windowStart' | 'windowEnd'>): string {
  return dates.windowStart && dates.windowEnd ? `${dates.windowStart}..${dates.windowEnd}` : 'none';
}

/**
 * Checks a reschedule and says the first thing wrong, in one sentence with the way to write it right: the target is
 * required and not in the past, a window is two dates in order that contains the target, the reason is required, and
 * something must change. A release without a window may keep none.
 */
export function decideReschedule(input: {
  current: ReleaseDates;
  today: CalendarDate;
  draft: RescheduleDraft;
}): RescheduleDecision {
  const { current, today, draft } = input;
  if (!draft.target) return { ok: false, message: 'Give the new target date with `target:YYYY-MM-DD`.' };
  const targetDate = parseCalendarDate(draft.target);
  if (!targetDate) return { ok: false, message: `${code(draft.target)} is not a date. Write it as YYYY-MM-DD.` };
  if (daysBetween(today, targetDate) < 0) {
    return {
      ok: false,
      message: `The target date ${targetDate} is in the past (today is ${today} in the release’s time zone).`,
    };
  }
  let windowStart = current.windowStart;
  let windowEnd = current.windowEnd;
  if (draft.window !== undefined) {
    const [first, last, ...extra] = draft.window.split('..');
    if (!first || !last || extra.length > 0) return { ok: false, message: WINDOW_SYNTAX };
    const start = parseCalendarDate(first);
    const end = parseCalendarDate(last);
    if (!start) return { ok: false, message: `${code(first)} is not a date. ${WINDOW_SYNTAX}` };
    if (!end) return { ok: false, message: `${code(last)} is not a date. ${WINDOW_SYNTAX}` };
    if (daysBetween(start, end) < 0)
      return { ok: false, message: `The window ends (${end}) before it starts (${start}).` };
    windowStart = start;
    windowEnd = end;
  }
  const reason = draft.reason?.trim() ?? '';
  if (reason === '') {
    return {
      ok: false,
      message: 'Say why the dates move with `reason:"…"`: the reason is kept with the change and announced.',
    };
  }
  if (reason.length > MAX_RESCHEDULE_REASON) {
    return { ok: false, message: `Keep the reason under ${MAX_RESCHEDULE_REASON} characters.` };
  }
  if (
    windowStart &&
    windowEnd &&
    (daysBetween(windowStart, targetDate) < 0 || daysBetween(targetDate, windowEnd) < 0)
  ) {
    const which = draft.window === undefined ? 'The current window' : 'The window';
    return {
      ok: false,
      message:
        `${which} ${windowStart}..${windowEnd} does not contain the target ${targetDate}. ` +
        'Give a window that does, e.g. `window:' +
        `${daysBetween(windowStart, targetDate) < 0 ? targetDate : windowStart}..${daysBetween(targetDate, windowEnd) < 0 ? targetDate : windowEnd}\`.`,
    };
  }
  const after: ReleaseDates = { targetDate, windowStart, windowEnd };
  if (
    after.targetDate === current.targetDate &&
    after.windowStart === current.windowStart &&
    after.windowEnd === current.windowEnd
  ) {
    return {
      ok: false,
      message: `Those are already the release’s dates (target ${targetDate}, window ${formatWindow(after)}).`,
    };
  }
  return { ok: true, after, reason };
}

/** "target 2026-12-10 → 2026-12-17 · window 2026-12-01..2026-12-12 → 2026-12-08..2026-12-19" (what moved). */
export function describeReschedule(before: ReleaseDates, after: ReleaseDates): string {
  const parts: string[] = [];
  if (before.targetDate !== after.targetDate) parts.push(`target ${before.targetDate} → ${after.targetDate}`);
  if (before.windowStart !== after.windowStart || before.windowEnd !== after.windowEnd) {
    parts.push(`window ${formatWindow(before)} → ${formatWindow(after)}`);
  }
  return parts.join(' · ');
}
