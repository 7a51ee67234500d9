import { expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/core/domain/duration.ts';

test.each([
  ['30s', 30_000],
  ['15m', 900_000],
  ['2h', 7_200_000],
  ['1d', 86_400_000],
  ['1h30m', 5_400_000],
  ['1d2h3m4s', 93_784_000],
  ['0m', undefined],
  ['', undefined],
  ['90', undefined],
  ['1x', undefined],
  ['30m1h', undefined],
])('parseDuration(%s) = %s', (input, expected) => {
  expect(parseDuration(input)).toBe(expected);
});

test('formatDuration keeps the two largest units', () => {
  expect(formatDuration(5_400_000)).toBe('1h 30m');
  expect(formatDuration(93_784_000)).toBe('1d 2h');
  expect(formatDuration(0)).toBe('0s');
});
