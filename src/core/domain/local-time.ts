import { type CalendarDate, parseCalendarDate } from './calendar.ts';

/**
 * Wall-clock time in an IANA zone: zone offsets, local times of day turned into UTC instants (with Intl alone),
 * working days and holidays. Pure.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC at `instant`, in milliseconds (Berlin in winter: +3 600 000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The UTC instant of wall time `minutes` after midnight on `date` in `timeZone`. A wall time that does not exist (the
 * spring-forward gap: 02:30 in Berlin on the last Sunday of March) gives the first instant after the gap (03:00); a
 * wall time that happens twice (the autumn overlap) gives the first of the two.
 */
export function zonedTimeToUtc(date: CalendarDate, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  const before = zoneOffsetMs(wall - 36 * HOUR, timeZone);
  const after = zoneOffsetMs(wall + 36 * HOUR, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((t) => t + zoneOffsetMs(t, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);
  // In a gap: find the transition between the two offsets, to the minute.
  let low = wall - after;
  let high = wall - before;
  if (low > high) [low, high] = [high, low];
  const lowOffset = zoneOffsetMs(low, timeZone);
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (zoneOffsetMs(mid, timeZone) === lowOffset) low = mid;
    else high = mid;
  }
  return new Date(high);
}

/** `HH:MM` (24-hour) → minutes after midnight. */
export function parseTimeOfDay(input: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(input.trim());
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function parseWeekday(input: string): number | undefined {
  const index = WEEKDAY_KEYS.indexOf(input.trim().toLowerCase().slice(0, 3) as (typeof WEEKDAY_KEYS)[number]);
  return index < 0 ? undefined : index;
}

export function parseOneWeekday(input: string): number | undefined {
  return parseWeekday(input);
}

/** `mon-fri`, `sun-thu`, `mon,wed,fri`, `fri-mon` (wraps) → sorted weekday numbers (0 = Sunday). */
export function parseWorkingDays(input: string): number[] | undefined {
  const days = new Set<number>();
  for (const piece of input.toLowerCase().split(',')) {
    if (piece.trim() === '') return undefined;
    const [from, to, ...rest] = piece.split('-');
    if (rest.length > 0 || from === undefined) return undefined;
    const start = parseWeekday(from);
    if (start === undefined) return undefined;
    if (to === undefined) {
      days.add(start);
      continue;
    }
    const end = parseWeekday(to);
    if (end === undefined) return undefined;
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** Working days written back compactly: `mon-fri`, `sun-thu`, `mon,wed,fri`. */
export function formatWorkingDays(days: readonly number[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'every day';
  const start = [...set].find((d) => !set.has((d + 6) % 7));
  if (start === undefined) return 'none';
  const runs: number[][] = [];
  for (let i = 0; i < 7; i += 1) {
    const day = (start + i) % 7;
    if (!set.has(day)) continue;
    const run = runs.at(-1);
    if (run && run.at(-1) === (day + 6) % 7) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) => {
      const first = WEEKDAY_KEYS[run[0] ?? 0];
      const last = WEEKDAY_KEYS[run.at(-1) ?? 0];
      if (run.length === 1) return first;
      return run.length === 2 ? `${first},${last}` : `${first}-${last}`;
    })
    .join(',');
}

/** Holidays: fixed dates (`2026-12-24`) and yearly dates (`--12-25`). */
export type Holidays = { dates: CalendarDate[]; yearly: string[] };

export const NO_HOLIDAYS: Holidays = { dates: [], yearly: [] };

/** `2026-12-24,--12-25,--01-01`; `none` clears. */
export function parseHolidays(input: string): { ok: true; holidays: Holidays } | { ok: false; bad: string } {
  const text = input.trim().toLowerCase();
  if (text === 'none' || text === '') return { ok: true, holidays: { dates: [], yearly: [] } };
  const dates = new Set<string>();
  const yearly = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const recurring = /^--(\d{2})-(\d{2})$/.exec(item);
    if (recurring) {
      // 2024 is a leap year, so --02-29 is accepted.
      if (!parseCalendarDate(`2024-${recurring[1]}-${recurring[2]}`)) return { ok: false, bad: raw };
      yearly.add(item);
      continue;
    }
    const date = parseCalendarDate(item);
    if (!date) return { ok: false, bad: raw };
    dates.add(date);
  }
  return { ok: true, holidays: { dates: [...dates].sort(), yearly: [...yearly].sort() } };
}

export function formatHolidays(holidays: Holidays): string {
  const all = [...holidays.dates, ...holidays.yearly.map((y) => `${y} (yearly)`)];
  return all.length === 0 ? 'none' : all.join(', ');
}

export function isHoliday(holidays: Holidays, date: CalendarDate): boolean {
  return holidays.dates.includes(date) || holidays.yearly.includes(`--${date.slice(5)}`);
}

/** When a release's cadence runs. Durations in milliseconds, times in minutes after midnight (release zone). */
