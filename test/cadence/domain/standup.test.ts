import { expect, test } from 'vitest';
import {
  greetingFor,
  isBlocker,
  parseStandupNumber,
  STANDUP_QUESTIONS,
  validateRoleAnswers,
} from '../../../src/cadence/domain/standup.ts';
import { ROLES } from '../../../src/core/domain/roles.ts';

test('counts take thousands separators; decimals take a point and two places', () => {
  expect(parseStandupNumber('1,204', 'count')).toBe('1204');
  expect(parseStandupNumber('1 204', 'count')).toBe('1204');
  expect(parseStandupNumber('1204', 'count')).toBe('1204');
  expect(parseStandupNumber('12,04', 'count')).toBeUndefined();
  expect(parseStandupNumber('1.5', 'count')).toBeUndefined();
  expect(parseStandupNumber('-3', 'count')).toBeUndefined();
  expect(parseStandupNumber('87.5', 'decimal')).toBe('87.5');
  expect(parseStandupNumber('87.555', 'decimal')).toBeUndefined();
  expect(parseStandupNumber('10000000', 'count')).toBeUndefined();
});

test("only each role's main question is required; the Tech Lead may leave the blockers empty", () => {
  for (const role of ROLES) {
    expect(STANDUP_QUESTIONS[role].filter((q) => !q.optional).length, role).toBeLessThanOrEqual(2);
  }
  expect(validateRoleAnswers('tech_lead', {})).toEqual({ ok: true, values: {} });
  expect(validateRoleAnswers('qa_lead', { passed: '1,204', failed: '0' })).toEqual({
    ok: true,
    values: { passed: '1204', failed: '0' },
  });
  expect(validateRoleAnswers('devops', {})).toMatchObject({ ok: false });
  expect(validateRoleAnswers('devops', { readiness: 'ready' })).toEqual({ ok: true, values: { readiness: 'ready' } });
});

test('"None", "-" and the empty answer are not blockers', () => {
  for (const text of ['None', 'none.', 'n/a', '-', '', '  ', 'No blockers', undefined])
    expect(isBlocker(text)).toBe(false);
  expect(isBlocker('CI is red')).toBe(true);
});

test("greetings follow the reader's local time, and there is none at night", () => {
  const at = new Date('2026-12-01T08:30:00Z');
  expect(greetingFor(at, 'Europe/Berlin')).toBe('Good morning');
  expect(greetingFor(at, 'America/New_York')).toBeUndefined(); // 03:30
  expect(greetingFor(at, 'Asia/Tokyo')).toBe('Good afternoon'); // 17:30
  expect(greetingFor(new Date('2026-12-01T19:12:00Z'), 'Europe/Berlin')).toBe('Good evening');
});
