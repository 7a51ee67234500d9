import { expect, test } from 'vitest';
import {
  DEFAULT_CADENCE,
  dmSummaryAt,
  dueOccurrences,
  riskOccurrences,
  standupOccurrences,
  upcomingDmStandups,
} from '../../../src/cadence/domain/schedule.ts';
import { addDays, calendarDateIn, daysBetween } from '../../../src/core/domain/calendar.ts';
import {
  formatWorkingDays,
  parseHolidays,
  parseTimeOfDay,
  parseWorkingDays,
  zonedTimeToUtc,
} from '../../../src/core/domain/local-time.ts';

const at = (date: string, time: string, zone: string) =>
  zonedTimeToUtc(date, parseTimeOfDay(time) ?? -1, zone).toISOString();

test.each([
  // zone, date, wall time, UTC instant
  ['Europe/Berlin', '2026-03-28', '09:30', '2026-03-28T08:30:00.000Z'],
  ['Europe/Berlin', '2026-03-30', '09:30', '2026-03-30T07:30:00.000Z'],
  ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00.000Z'], // gap → 03:00 CEST
  ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'], // overlap → first (CEST)
  ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'], // gap → 03:00 EDT
  ['America/New_York', '2026-03-09', '09:30', '2026-03-09T13:30:00.000Z'],
  ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'], // overlap → first (EDT)
  ['America/New_York', '2026-11-02', '09:30', '2026-11-02T14:30:00.000Z'],
  ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:00:00.000Z'], // spring gap → 03:00 AEDT
  ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z'], // autumn overlap → first (AEDT)
  ['Australia/Sydney', '2026-06-15', '09:30', '2026-06-14T23:30:00.000Z'],
  ['UTC', '2026-12-01', '23:59', '2026-12-01T23:59:00.000Z'],
])('%s %s %s is %s', (zone, date, time, utc) => {
  expect(at(date, time, zone)).toBe(utc);
});

const release = (zone: string, windowStart: string, windowEnd: string) => ({
  windowStart,
  windowEnd,
  targetDate: windowEnd,
  timeZone: zone,
  createdAt: new Date('2020-01-01T00:00:00Z'),
});

test.each([
  ['America/New_York', '2026-03-01', '2026-03-20'],
  ['America/New_York', '2026-10-25', '2026-11-10'],
  ['Europe/Berlin', '2026-03-22', '2026-04-05'],
  ['Europe/Berlin', '2026-10-18', '2026-11-01'],
  ['Australia/Sydney', '2026-03-29', '2026-04-12'],
  ['Australia/Sydney', '2026-09-27', '2026-10-11'],
])('across the DST change in %s (%s..%s) no working day is skipped or doubled', (zone, from, to) => {
  const config = { ...DEFAULT_CADENCE, workingDays: [0, 1, 2, 3, 4, 5, 6], standupTime: parseTimeOfDay('02:30') ?? 0 };
  const occurrences = standupOccurrences(release(zone, from, to), config, from, to);
  expect(occurrences).toHaveLength(daysBetween(from, to) + 1);
  for (const [i, o] of occurrences.entries()) {
    expect(o.slot).toBe(addDays(from, i));
    expect(calendarDateIn(o.at, zone)).toBe(o.slot);
  }
  const instants = occurrences.map((o) => o.at.getTime());
  expect(new Set(instants).size).toBe(instants.length);
  // consecutive runs are 23 to 25 hours apart, never 0 or 48
  for (let i = 1; i < instants.length; i += 1) {
    const hours = ((instants[i] ?? 0) - (instants[i - 1] ?? 0)) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(23);
    expect(hours).toBeLessThanOrEqual(25);
  }
});

test('working days: mon-fri by default, sun-thu and lists, wrapping ranges', () => {
  expect(parseWorkingDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
  expect(parseWorkingDays('sun-thu')).toEqual([0, 1, 2, 3, 4]);
  expect(parseWorkingDays('fri-mon')).toEqual([0, 1, 5, 6]);
  expect(parseWorkingDays('mon,wed,fri')).toEqual([1, 3, 5]);
  expect(parseWorkingDays('monday-friday')).toEqual([1, 2, 3, 4, 5]);
  expect(parseWorkingDays('mon-')).toBeUndefined();
  expect(parseWorkingDays('funday')).toBeUndefined();
  expect(formatWorkingDays([0, 1, 2, 3, 4])).toBe('sun-thu');
  expect(formatWorkingDays([1, 3, 5])).toBe('mon,wed,fri');
  const sunThu = { ...DEFAULT_CADENCE, workingDays: [0, 1, 2, 3, 4] };
  const slots = standupOccurrences(
    release('Asia/Jerusalem', '2026-12-01', '2026-12-10'),
    sunThu,
    '2026-12-01',
    '2026-12-10',
  );
  // 2026-12-04 is a Friday, 12-05 a Saturday
  expect(slots.map((s) => s.slot)).toEqual([
    '2026-12-01',
    '2026-12-02',
    '2026-12-03',
    '2026-12-06',
    '2026-12-07',
    '2026-12-08',
    '2026-12-09',
    '2026-12-10',
  ]);
});

test('holidays, fixed and yearly, are skipped; bad ones are named', () => {
  const parsed = parseHolidays('2026-12-08,--12-10');
  if (!parsed.ok) throw new Error('should parse');
  const config = { ...DEFAULT_CADENCE, holidays: parsed.holidays };
  const slots = standupOccurrences(
    release('Europe/Berlin', '2026-12-07', '2026-12-11'),
    config,
    '2026-12-07',
    '2026-12-11',
  );
  expect(slots.map((s) => s.slot)).toEqual(['2026-12-07', '2026-12-09', '2026-12-11']);
  expect(parseHolidays('2026-02-30')).toEqual({ ok: false, bad: '2026-02-30' });
  expect(parseHolidays('--13-01')).toEqual({ ok: false, bad: '--13-01' });
  expect(parseHolidays('none')).toEqual({ ok: true, holidays: { dates: [], yearly: [] } });
});

test('nothing outside the window; the weekly review runs until the target and skips to the next working day', () => {
  const r = release('Europe/Berlin', '2026-12-01', '2026-12-04');
  expect(standupOccurrences(r, DEFAULT_CADENCE, '2026-11-20', '2026-12-31').map((s) => s.slot)).toEqual([
    '2026-12-01',
    '2026-12-02',
    '2026-12-03',
    '2026-12-04',
  ]);
  const weekly = riskOccurrences(
    { ...r, targetDate: '2026-12-22' },
    { ...DEFAULT_CADENCE, holidays: { dates: ['2026-12-14'], yearly: [] } },
    '2026-12-01',
    '2026-12-31',
  );
  expect(weekly.map((w) => [w.slot, calendarDateIn(w.at, 'Europe/Berlin')])).toEqual([
    ['2026-12-07', '2026-12-07'],
    ['2026-12-14', '2026-12-15'],
    ['2026-12-21', '2026-12-21'],
  ]);
  expect(weekly[0]?.at.toISOString()).toBe('2026-12-07T09:00:00.000Z');
});

test('due occurrences: run within the grace, missed beyond it, none from before the release or the last change', () => {
  const r = { ...release('Europe/Berlin', '2026-12-01', '2026-12-12'), createdAt: new Date('2026-11-30T12:00:00Z') };
  const now = new Date('2026-12-03T10:00:00Z'); // 11:00 in Berlin
  const due = dueOccurrences(r, DEFAULT_CADENCE, now, 2 * 3_600_000, '2026-12-03');
  expect(due.map((d) => [d.occurrence.slot, d.action])).toEqual([
    ['2026-12-01', 'missed'],
    ['2026-12-02', 'missed'],
    ['2026-12-03', 'run'],
  ]);
  const changed = { ...DEFAULT_CADENCE, updatedAt: new Date('2026-12-02T12:00:00Z') };
  expect(dueOccurrences(r, changed, now, 2 * 3_600_000, '2026-12-03').map((d) => d.occurrence.slot)).toEqual([
    '2026-12-03',
  ]);
});

test('times of day', () => {
  expect(parseTimeOfDay('09:30')).toBe(570);
  expect(parseTimeOfDay('9:05')).toBe(545);
  expect(parseTimeOfDay('24:00')).toBeUndefined();
  expect(parseTimeOfDay('9.30')).toBeUndefined();
});

test('DM standups: each holder at the standup time in their own zone, soonest first; the summary after the last', () => {
  const release = {
    windowStart: '2026-12-01',
    windowEnd: '2026-12-04',
    targetDate: '2026-12-10',
    timeZone: 'Europe/Berlin',
    createdAt: new Date('2026-11-01T00:00:00Z'),
  };
  const config = { ...DEFAULT_CADENCE, standupDelivery: 'dm' as const };
  const people = [
    { userId: 'UNY', timeZone: 'America/New_York' },
    { userId: 'UBER', timeZone: 'Europe/Berlin' },
    { userId: 'UTOK', timeZone: 'Asia/Tokyo' },
  ];
  const now = new Date('2026-12-01T07:00:00Z'); // 08:00 Berlin, 16:00 Tokyo (Tokyo's 09:30 has gone), 02:00 New York
  const days = upcomingDmStandups(release, config, people, now, '2026-12-01', 2);
  expect(days.map((d) => d.slot)).toEqual(['2026-12-01', '2026-12-02']);
  expect(days[0]?.prompts.map((p) => [p.userId, p.at.toISOString()])).toEqual([
    ['UBER', '2026-12-01T08:30:00.000Z'],
    ['UNY', '2026-12-01T14:30:00.000Z'],
  ]);
  expect(days[1]?.prompts.map((p) => p.userId)).toEqual(['UTOK', 'UBER', 'UNY']);
  // After New York's 09:30 plus the 4 h cut-off, whoever was already asked.
  expect(days[0]?.summaryAt.toISOString()).toBe('2026-12-01T18:30:00.000Z');
  expect(dmSummaryAt(config, '2026-12-01', 'Europe/Berlin', []).toISOString()).toBe('2026-12-01T12:30:00.000Z');
  // Nobody to ask, or no standup day left: nothing listed.
  expect(upcomingDmStandups(release, config, [], now, '2026-12-01', 3)).toEqual([]);
  expect(upcomingDmStandups(release, config, people, new Date('2026-12-05T00:00:00Z'), '2026-12-05', 3)).toEqual([]);
});

test('DM standups: a holder far west of the release may still be due the release’s yesterday', () => {
  // 08:00 on Wed 2 Dec at UTC+14 is 08:00 on Tue 1 Dec in Honolulu (UTC-10): Tuesday's 09:30 there is still ahead.
  const release = {
    windowStart: '2026-12-01',
    windowEnd: '2026-12-04',
    targetDate: '2026-12-10',
    timeZone: 'Pacific/Kiritimati',
    createdAt: new Date('2026-11-01T00:00:00Z'),
  };
  const now = new Date('2026-12-01T18:00:00Z');
  expect(calendarDateIn(now, release.timeZone)).toBe('2026-12-02');
  const days = upcomingDmStandups(
    release,
    { ...DEFAULT_CADENCE, standupDelivery: 'dm' },
    [{ userId: 'UHNL', timeZone: 'Pacific/Honolulu' }],
    now,
    '2026-12-02',
    1,
  );
  expect(days.map((d) => [d.slot, d.prompts[0]?.at.toISOString()])).toEqual([
    ['2026-12-01', '2026-12-01T19:30:00.000Z'],
  ]);
});
