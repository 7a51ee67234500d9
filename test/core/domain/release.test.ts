import { expect, test } from 'vitest';
import { decideTransition, isInWindow, validateReleaseDraft } from '../../../src/core/domain/release.ts';

const today = () => '2026-11-23';

test('a complete draft is normalised and accepted', () => {
  const result = validateReleaseDraft(
    {
      name: '  2.4.0   mobile ',
      targetDate: '2026-12-10',
      windowStart: '2026-12-01',
      windowEnd: '2026-12-12',
      timeZone: 'Europe/Berlin',
    },
    today,
  );
  expect(result).toEqual({
    ok: true,
    value: {
      name: '2.4.0 mobile',
      targetDate: '2026-12-10',
      windowStart: '2026-12-01',
      windowEnd: '2026-12-12',
      timeZone: 'Europe/Berlin',
    },
  });
});

test('every problem is reported at once, tied to its field', () => {
  const result = validateReleaseDraft(
    {
      name: '',
      targetDate: '2026-02-30',
      windowStart: '2026-12-12',
      windowEnd: '2026-12-01',
      timeZone: 'Nowhere/Land',
    },
    today,
  );
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problems.map((p) => p.field)).toEqual(['name', 'timeZone', 'targetDate', 'windowEnd']);
  expect(result.problems.find((p) => p.field === 'windowEnd')?.message).toContain('ends (2026-12-01) before it starts');
});

test('a target in the past is refused; today is fine', () => {
  const past = validateReleaseDraft({ name: 'x', targetDate: '2026-11-22', timeZone: 'UTC' }, today);
  expect(past.ok).toBe(false);
  expect(validateReleaseDraft({ name: 'x', targetDate: '2026-11-23', timeZone: 'UTC' }, today).ok).toBe(true);
});

test('a window needs both ends', () => {
  const result = validateReleaseDraft(
    { name: 'x', targetDate: '2026-12-01', windowStart: '2026-11-25', timeZone: 'UTC' },
    today,
  );
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.problems[0]?.field).toBe('windowEnd');
});

test('typed values are escaped in problem messages', () => {
  const result = validateReleaseDraft({ name: 'x', targetDate: '<!channel>', timeZone: 'UTC' }, today);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.problems[0]?.message).toContain('&lt;!channel&gt;');
});

test.each([
  ['planning', 'ship', 'shipped'],
  ['approved', 'ship', 'shipped'],
  ['shipped', 'done', 'done'],
  ['shipped', 'rolledback', 'rolled_back'],
  ['planning', 'cancel', 'cancelled'],
] as const)('%s --%s--> %s', (from, action, to) => {
  expect(decideTransition({ status: from }, action)).toEqual({ ok: true, to });
});

test.each([
  ['planning', 'done'],
  ['planning', 'rolledback'],
  ['shipped', 'cancel'],
  ['done', 'ship'],
  ['cancelled', 'ship'],
] as const)('%s cannot %s', (from, action) => {
  expect(decideTransition({ status: from }, action).ok).toBe(false);
});

test('the window includes both ends', () => {
  const release = { windowStart: '2026-12-01', windowEnd: '2026-12-03' };
  expect(isInWindow(release, '2026-11-30')).toBe(false);
  expect(isInWindow(release, '2026-12-01')).toBe(true);
  expect(isInWindow(release, '2026-12-03')).toBe(true);
  expect(isInWindow(release, '2026-12-04')).toBe(false);
  expect(isInWindow({ windowStart: null, windowEnd: null }, '2026-12-01')).toBe(false);
});
