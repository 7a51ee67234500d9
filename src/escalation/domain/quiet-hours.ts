/**
 * Quiet hours per level: the climb timer (and a re-ping at the highest configured level) runs only within a level's
 * hours, in the release's time zone. Levels 1 and 2 default to working hours, level 3 to always; the categories the
 * seed puts at level 3 are never paused. Pure: time is a parameter.
 */
import { addDays, calendarDateIn, weekdayOf } from '../../core/domain/calendar.ts';
import {
  formatTimeOfDay,
  formatWorkingDays,
  parseTimeOfDay,
  parseWorkingDays,
  zonedTimeToUtc,
} from '../../core/domain/local-time.ts';
import { ESCALATION_CATEGORIES, type EscalationCategory, type EscalationLevel } from './levels.ts';

export type QuietHours = { always: true } | { always: false; startMin: number; endMin: number; days: number[] };

const WORKING: QuietHours = { always: false, startMin: 9 * 60, endMin: 17 * 60, days: [1, 2, 3, 4, 5] };
export const DEFAULT_HOURS: Record<EscalationLevel, QuietHours> = { 1: WORKING, 2: WORKING, 3: { always: true } };

/** `09:00-17:00` → minutes after midnight; `always` (or `24h`) → always. The start must come before the end. */
export function parseHours(input: string): { startMin: number; endMin: number } | 'always' | undefined {
  const text = input.trim().toLowerCase();
  if (text === 'always' || text === '24h' || text === '24/7') return 'always';
  const [from, to, ...rest] = text.split('-');
  if (rest.length > 0 || from === undefined || to === undefined) return undefined;
  const startMin = parseTimeOfDay(from);
  const endMin = to.trim() === '24:00' ? 24 * 60 : parseTimeOfDay(to);
  if (startMin === undefined || endMin === undefined || startMin >= endMin) return undefined;
  return { startMin, endMin };
}

export function parseDays(input: string): number[] | undefined {
  const days = parseWorkingDays(input);
  return days && days.length > 0 ? days : undefined;
}

/** The hours in force for a level: its setting's, else the level's default. */
export function hoursFor(level: EscalationLevel, setting: { hours?: string; days?: string } | undefined): QuietHours {
  const fallback = DEFAULT_HOURS[level];
  if (!setting?.hours && !setting?.days) return fallback;
  const hours = setting.hours ? parseHours(setting.hours) : undefined;
  if (hours === 'always') return { always: true };
  const base = fallback.always ? WORKING : fallback;
  const startMin = hours?.startMin ?? (base.always ? 0 : base.startMin);
  const endMin = hours?.endMin ?? (base.always ? 24 * 60 : base.endMin);
  const days =
    (setting.days ? parseDays(setting.days) : undefined) ?? (base.always ? [0, 1, 2, 3, 4, 5, 6] : base.days);
  return { always: false, startMin, endMin, days };
}

export function formatHours(hours: QuietHours): string {
  if (hours.always) return 'always';
  return `${formatTimeOfDay(hours.startMin)}-${formatTimeOfDay(hours.endMin)} ${formatWorkingDays(hours.days)}`;
}

/** Incidents the seed puts at level 3 (outage, system failure, security, data loss, compliance) never wait. */
export function neverPaused(category: EscalationCategory | null): boolean {
  return category !== null && ESCALATION_CATEGORIES[category].level === 3;
}

type Window = { start: number; end: number };

/** The window of hours containing `at`, or the next one after it. */
function windowAtOrAfter(at: number, hours: Extract<QuietHours, { always: false }>, timeZone: string): Window {
  const today = calendarDateIn(new Date(at), timeZone);
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = addDays(today, offset);
    if (!hours.days.includes(weekdayOf(date))) continue;
    const start = zonedTimeToUtc(date, hours.startMin, timeZone).getTime();
    const end = zonedTimeToUtc(date, hours.endMin, timeZone).getTime();
    if (end > at) return { start, end };
  }
  // No day in the week is a working day: parseDays refuses that, so this only guards the loop.
  return { start: at, end: Number.POSITIVE_INFINITY };
}

/** When a wait of `waitMs` started at `start` ends, counting only time within the hours. */
export function dueAfter(start: Date, waitMs: number, hours: QuietHours, timeZone: string): Date {
  if (hours.always) return new Date(start.getTime() + waitMs);
  let at = start.getTime();
  let remaining = waitMs;
  for (let guard = 0; guard < 400; guard += 1) {
    const window = windowAtOrAfter(at, hours, timeZone);
    at = Math.max(at, window.start);
    if (at + remaining <= window.end) return new Date(at + remaining);
    remaining -= window.end - at;
    at = window.end;
  }
  return new Date(at + remaining);
}

/** When `now` is outside the hours: the instant they start again (the climb is paused until then). */
export function pausedUntil(now: Date, hours: QuietHours, timeZone: string): Date | undefined {
  if (hours.always) return undefined;
  const window = windowAtOrAfter(now.getTime(), hours, timeZone);
  return window.start > now.getTime() ? new Date(window.start) : undefined;
}
