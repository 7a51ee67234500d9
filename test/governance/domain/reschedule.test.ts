import { expect, test } from 'vitest';
import { decideReschedule, describeReschedule } from '../../../src/governance/domain/reschedule.ts';

const current = { targetDate: '2026-12-10', windowStart: '2026-12-01', windowEnd: '2026-12-12' };
const today = '2026-11-23';

test.each([
  [{ target: undefined, window: undefined, reason: 'x' }, 'Give the new target date with `target:YYYY-MM-DD`.'],
  [{ target: '12/17', window: undefined, reason: 'x' }, '`12/17` is not a date. Write it as YYYY-MM-DD.'],
  [
    { target: '2026-11-22', window: undefined, reason: 'x' },
    'The target date 2026-11-22 is in the past (today is 2026-11-23 in the release’s time zone).',
  ],
  [{ target: '2026-12-11', window: '2026-12-01', reason: 'x' }, 'Write the window as'],
  [{ target: '2026-12-11', window: '2026-12-01..soon', reason: 'x' }, '`soon` is not a date.'],
  [
    { target: '2026-12-11', window: '2026-12-12..2026-12-01', reason: 'x' },
    'The window ends (2026-12-01) before it starts (2026-12-12).',
  ],
  [{ target: '2026-12-11', window: undefined, reason: '  ' }, 'Say why the dates move with `reason:"…"`'],
  [{ target: '2026-12-11', window: undefined, reason: undefined }, 'Say why the dates move'],
  [{ target: '2026-12-11', window: undefined, reason: 'x'.repeat(1001) }, 'Keep the reason under 1000 characters.'],
  [
    { target: '2026-12-20', window: '2026-12-01..2026-12-12', reason: 'x' },
    'The window 2026-12-01..2026-12-12 does not contain the target 2026-12-20. Give a window that does, e.g. `window:2026-12-01..2026-12-20`.',
  ],
  [
    { target: '2026-12-20', window: undefined, reason: 'x' },
    'The current window 2026-12-01..2026-12-12 does not contain the target 2026-12-20.',
  ],
  [{ target: '2026-12-10', window: undefined, reason: 'x' }, 'Those are already the release’s dates'],
])('%o is refused: %s', (draft, message) => {
  const decided = decideReschedule({ current, today, draft });
  expect(decided.ok).toBe(false);
  expect(!decided.ok && decided.message).toContain(message);
});

test('a target today, a window containing it, or a release without a window is accepted', () => {
  expect(
    decideReschedule({ current, today, draft: { target: '2026-12-11', window: undefined, reason: ' slip ' } }),
  ).toEqual({
    ok: true,
    after: { targetDate: '2026-12-11', windowStart: '2026-12-01', windowEnd: '2026-12-12' },
    reason: 'slip',
  });
  expect(
    decideReschedule({ current, today, draft: { target: today, window: '2026-11-20..2026-11-23', reason: 'early' } }),
  ).toMatchObject({ ok: true, after: { targetDate: today, windowStart: '2026-11-20', windowEnd: today } });
  const bare = { targetDate: '2026-12-10', windowStart: null, windowEnd: null };
  expect(
    decideReschedule({ current: bare, today, draft: { target: '2026-12-24', window: undefined, reason: 'x' } }),
  ).toMatchObject({ ok: true, after: { targetDate: '2026-12-24', windowStart: null, windowEnd: null } });
});

test('what moved, in words', () => {
  expect(describeReschedule(current, { ...current, targetDate: '2026-12-11' })).toBe('target 2026-12-10 → 2026-12-11');
  expect(describeReschedule(current, { targetDate: '2026-12-10', windowStart: null, windowEnd: null })).toBe(
    'window 2026-12-01..2026-12-12 → none',
  );
});
