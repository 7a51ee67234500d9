import { expect, test } from 'vitest';
import {
  acknowledgesFor,
  describeWhoMay,
  levelOneAcknowledgers,
  mayAcknowledge,
  mayResolve,
} from '../../../src/escalation/domain/entitlement.ts';
import {
  DEFAULT_HOURS,
  dueAfter,
  formatHours,
  hoursFor,
  neverPaused,
  parseHours,
  pausedUntil,
} from '../../../src/escalation/domain/quiet-hours.ts';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;

test('levels 1 and 2 climb on working hours, level 3 always; a setting replaces the default', () => {
  expect(formatHours(DEFAULT_HOURS[1])).toBe('09:00-17:00 mon-fri');
  expect(formatHours(DEFAULT_HOURS[3])).toBe('always');
  expect(formatHours(hoursFor(2, { hours: '08:00-20:00', days: 'sun-thu' }))).toBe('08:00-20:00 sun-thu');
  expect(hoursFor(1, { hours: 'always' })).toEqual({ always: true });
  expect(formatHours(hoursFor(3, { days: 'mon-fri' }))).toBe('09:00-17:00 mon-fri');
  expect(parseHours('17:00-09:00')).toBeUndefined();
  expect(parseHours('9-5')).toBeUndefined();
});

test('a wait counts only time within the hours, in the release time zone', () => {
  const hours = DEFAULT_HOURS[2];
  // Monday 16:50 in Berlin: 10 minutes today, the other 5 on Tuesday from 09:00.
  expect(dueAfter(new Date('2026-11-23T15:50:00Z'), 15 * MINUTE, hours, BERLIN)).toEqual(
    new Date('2026-11-24T08:05:00Z'),
  );
  // Friday 22:00: paused until Monday 09:00.
  const friday = new Date('2026-11-27T21:00:00Z');
  expect(pausedUntil(friday, hours, BERLIN)).toEqual(new Date('2026-11-30T08:00:00Z'));
  expect(dueAfter(friday, 15 * MINUTE, hours, BERLIN)).toEqual(new Date('2026-11-30T08:15:00Z'));
  // Within the hours nothing is paused.
  expect(pausedUntil(new Date('2026-11-23T10:00:00Z'), hours, BERLIN)).toBeUndefined();
  expect(dueAfter(friday, 15 * MINUTE, { always: true }, BERLIN)).toEqual(new Date('2026-11-27T21:15:00Z'));
});

test('the seed level-3 categories are never paused', () => {
  for (const category of ['outage', 'system-failure', 'security', 'data-loss', 'compliance'] as const) {
    expect(neverPaused(category)).toBe(true);
  }
  expect(neverPaused('blocker')).toBe(false);
  expect(neverPaused(null)).toBe(false);
});

test('acknowledge: the pinged (with group members) and the RM; resolve: also the raiser; the refusal names who may', () => {
  const entitlement = {
    pinged: new Set([
      'UPAGED',
      ...levelOneAcknowledgers([
        { userId: 'UQA', forHolder: null },
        { userId: 'UQA', forHolder: null },
      ]).map((a) => a.userId),
    ]),
    pings: ['S0MGRS'],
    managers: new Set(['URM']),
    actingFor: new Map([['UDELEGATE', 'UTECH']]),
    raisedBy: 'URAISER',
  };
  expect(mayAcknowledge(entitlement, 'UPAGED')).toBe(true);
  expect(mayAcknowledge(entitlement, 'URM')).toBe(true);
  expect(mayAcknowledge(entitlement, 'URAISER')).toBe(false);
  expect(mayAcknowledge(entitlement, 'UOUT')).toBe(false);
  expect(mayAcknowledge(entitlement, 'UDELEGATE')).toBe(true);
  expect(acknowledgesFor(entitlement, 'UDELEGATE')).toBe('UTECH');
  expect(acknowledgesFor(entitlement, 'UPAGED')).toBeNull();
  // A holder who is also someone's delegate acts in their own right.
  expect(
    levelOneAcknowledgers([
      { userId: 'UDEVOPS', forHolder: 'UTECH' },
      { userId: 'UDEVOPS', forHolder: null },
      { userId: 'UOUT', forHolder: 'UQA' },
    ]),
  ).toEqual([
    { userId: 'UDEVOPS', forHolder: null },
    { userId: 'UOUT', forHolder: 'UQA' },
  ]);
  expect(mayResolve(entitlement, 'URAISER')).toBe(true);
  expect(mayResolve(entitlement, 'UOUT')).toBe(false);
  expect(describeWhoMay('resolve', entitlement, { id: 4, levelLabel: 'Level 2 (Management)' })).toBe(
    'Only the people pinged at Level 2 (Management) (<!subteam^S0MGRS>), the Release Manager (<@URM>) or the ' +
      'person who raised it (<@URAISER>) can resolve escalation #4. Nothing changed.',
  );
});
