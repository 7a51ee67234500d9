import { expect, test } from 'vitest';
import {
  addDays,
  calendarDateIn,
  daysBetween,
  isValidTimeZone,
  parseCalendarDate,
  weekdayOf,
} from '../../../src/core/domain/calendar.ts';

test.each([
  ['2026-02-28', '2026-02-28'],
  ['2028-02-29', '2028-02-29'],
  ['2026-02-29', undefined],
  ['2026-13-01', undefined],
  ['2026-1-5', undefined],
  ['tomorrow', undefined],
])('parseCalendarDate(%s) is %s', (input, expected) => {
  expect(parseCalendarDate(input)).toBe(expected);
});

test('the calendar date depends on the zone', () => {
  const instant = new Date('2026-11-22T23:30:00Z');
  expect(calendarDateIn(instant, 'UTC')).toBe('2026-11-22');
  expect(calendarDateIn(instant, 'Europe/Berlin')).toBe('2026-11-23');
  expect(calendarDateIn(instant, 'America/Los_Angeles')).toBe('2026-11-22');
});

test('day arithmetic crosses months, years and DST changes', () => {
  expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  expect(daysBetween('2026-12-10', '2026-12-01')).toBe(-9);
  expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  expect(weekdayOf('2026-11-22')).toBe(0);
});

test('only real IANA zones are valid', () => {
  expect(isValidTimeZone('Europe/Berlin')).toBe(true);
  expect(isValidTimeZone('UTC')).toBe(true);
  expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  expect(isValidTimeZone('CEST')).toBe(false);
});
