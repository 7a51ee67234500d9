/**
 * Calendar dates are `YYYY-MM-DD` strings in a release's own time zone; instants are `Date`s in UTC.
 * Everything here is pure: the current instant is always an argument.
 */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCalendarDate(input: string): CalendarDate | undefined {
  const match = DATE.exec(input.trim());
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  const valid = probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
  return valid ? input.trim() : undefined;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA spelling of a zone typed in another case (`europe/berlin` is `Europe/Berlin`), so what is stored and shown
 * is the name everyone reads. Only the case is corrected: a link such as `US/Pacific` stays as typed. Assumes
 * `isValidTimeZone(zone)`.
 */
export function canonicalTimeZone(zone: string): string {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return zone;
  }
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at `instant` as seen in `timeZone`. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  let format = dateFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, format);
  }
  return format.format(instant);
}

function toUtcDays(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(toUtcDays(to) - toUtcDays(from));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((toUtcDays(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(toUtcDays(date) * 86_400_000).getUTCDay();
}
