import { expect, test } from 'vitest';
import { openDatabase } from '../../../src/platform/store/database.ts';
import { createStore } from '../../../src/store.ts';
import { createTestStore } from '../../helpers/test-db.ts';

const at = (iso: string) => new Date(iso);

test('a due timer is claimed once; a future one waits', async () => {
  const { store } = createTestStore();
  await store.timers.schedule({
    kind: 'k',
    key: 'a',
    releaseId: null,
    dueAt: at('2026-11-23T10:00:00Z'),
    payload: { n: 1 },
  });
  await store.timers.schedule({ kind: 'k', key: 'b', releaseId: null, dueAt: at('2026-11-23T11:00:00Z') });
  const first = await store.timers.claimDue(at('2026-11-23T10:30:00Z'), 'p1', 10);
  expect(first.map((t) => [t.key, t.payload, t.attempts])).toEqual([['a', { n: 1 }, 1]]);
  expect(await store.timers.claimDue(at('2026-11-23T10:30:00Z'), 'p2', 10)).toEqual([]);
});

test('scheduling the same key again moves the timer instead of adding one', async () => {
  const { store } = createTestStore();
  await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
  await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T12:00:00Z') });
  expect((await store.timers.pending()).map((t) => t.dueAt.toISOString())).toEqual(['2026-11-23T12:00:00.000Z']);
});

test('two processes on one database file never claim the same timer', async () => {
  const one = createTestStore();
  const other = openDatabase(one.path);
  try {
    const second = createStore(other);
    for (let i = 0; i < 20; i += 1) {
      await one.store.timers.schedule({ kind: 'k', key: `t${i}`, releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
    }
    const claimed: string[] = [];
    for (let round = 0; round < 10; round += 1) {
      claimed.push(...(await one.store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'p1', 3)).map((t) => t.key));
      claimed.push(...(await second.timers.claimDue(at('2026-11-23T10:00:00Z'), 'p2', 2)).map((t) => t.key));
    }
    expect(claimed).toHaveLength(20);
    expect(new Set(claimed).size).toBe(20);
  } finally {
    other.close();
  }
});

test('a claim left by a dead process is taken over after the lease', async () => {
  const { store } = createTestStore();
  await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
  expect(await store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'dead', 5)).toHaveLength(1);
  expect(await store.timers.claimDue(at('2026-11-23T10:04:00Z'), 'alive', 5)).toHaveLength(0);
  const retaken = await store.timers.claimDue(at('2026-11-23T10:06:00Z'), 'alive', 5);
  expect(retaken.map((t) => [t.key, t.attempts])).toEqual([['a', 2]]);
});

test('failures retry later, then give up; cancelled timers never run', async () => {
  const { store } = createTestStore();
  await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
  await store.timers.schedule({ kind: 'k', key: 'c', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
  expect(await store.timers.cancel('c')).toBe(true);
  const [timer] = await store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'p', 5);
  expect(timer?.key).toBe('a');
  await store.timers.fail(timer!.id, 'boom', at('2026-11-23T10:01:00Z'));
  expect(await store.timers.claimDue(at('2026-11-23T10:00:30Z'), 'p', 5)).toHaveLength(0);
  expect(await store.timers.claimDue(at('2026-11-23T10:01:00Z'), 'p', 5)).toHaveLength(1);
});
