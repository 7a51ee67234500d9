import { expect, test } from 'vitest';
import { closestWords, editDistance } from '../../../src/core/domain/edit-distance.ts';

test('edits, including a swap of neighbours, cost one each', () => {
  expect(editDistance('standup', 'standup')).toBe(0);
  expect(editDistance('stnadup', 'standup')).toBe(1);
  expect(editDistance('escalte', 'escalate')).toBe(1);
  expect(editDistance('', 'role')).toBe(4);
  expect(editDistance('kitten', 'sitting')).toBe(3);
});

test('"did you mean": near words first, prefixes too, nothing for a word far from all', () => {
  const words = ['standup', 'status', 'schedule', 'ship', 'role', 'unrole', 'risk', 'away'];
  expect(closestWords('stauts', words)).toEqual(['status']);
  expect(closestWords('rol', words)).toEqual(['role']);
  expect(closestWords('sta', words)).toEqual(['status', 'standup']);
  expect(closestWords('xyzzy', words)).toEqual([]);
});
