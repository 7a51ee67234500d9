import { describe, expect, test } from 'vitest';
import { MAX_TIMER_ATTEMPTS } from '../../../../src/core/domain/timers.ts';
import { at, insertRelease, type StoreHarness } from './harness.ts';

export function timerContract(harness: StoreHarness): void {
  describe(`${harness.name}: timers`, () => {
    test('a due timer is claimed once, with its payload; a future one waits', async () => {
      const { store } = await harness.open();
      await store.timers.schedule({
        kind: 'k',
        key: 'a',
        releaseId: null,
        dueAt: at('2026-11-23T10:00:00Z'),
        payload: { n: 1 },
      });
      await store.timers.schedule({ kind: 'k', key: 'b', releaseId: null, dueAt: at('2026-11-23T11:00:00Z') });
      const first = await store.timers.claimDue(at('2026-11-23T10:30:00Z'), 'p1', 10);
      expect(first.map((t) => [t.key, t.kind, t.payload, t.attempts, t.dueAt])).toEqual([
        ['a', 'k', { n: 1 }, 1, at('2026-11-23T10:00:00Z')],
      ]);
      expect(await store.timers.claimDue(at('2026-11-23T10:30:00Z'), 'p2', 10)).toEqual([]);
      await store.timers.complete(first[0]!.id);
      expect(
        (await store.timers.claimDue(at('2026-11-23T11:00:00Z'), 'p2', 10)).map((t) => [t.key, t.payload]),
      ).toEqual([['b', null]]);
    });

    test('claims go oldest due first, up to the limit', async () => {
      const { store } = await harness.open();
      for (const [key, minute] of [
        ['c', 30],
        ['a', 10],
        ['b', 10],
        ['d', 20],
      ] as const) {
        await store.timers.schedule({ kind: 'k', key, releaseId: null, dueAt: at(`2026-11-23T10:${minute}:00Z`) });
      }
      const now = at('2026-11-23T11:00:00Z');
      expect((await store.timers.claimDue(now, 'p', 3)).map((t) => t.key)).toEqual(['a', 'b', 'd']);
      expect((await store.timers.claimDue(now, 'p', 3)).map((t) => t.key)).toEqual(['c']);
    });

    test('scheduling the same key again moves the timer, and revives a finished one', async () => {
      const { store } = await harness.open();
      await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
      await store.timers.schedule({
        kind: 'k',
        key: 'a',
        releaseId: null,
        dueAt: at('2026-11-23T12:00:00Z'),
        payload: [2],
      });
      expect((await store.timers.pending()).map((t) => [t.dueAt, t.payload])).toEqual([
        [at('2026-11-23T12:00:00Z'), [2]],
      ]);
      const [claimed] = await store.timers.claimDue(at('2026-11-23T12:00:00Z'), 'p', 5);
      await store.timers.complete(claimed!.id);
      expect(await store.timers.pending()).toEqual([]);
      await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-24T12:00:00Z') });
      const revived = await store.timers.claimDue(at('2026-11-24T12:00:00Z'), 'p', 5);
      expect(revived.map((t) => [t.id, t.attempts])).toEqual([[claimed!.id, 1]]);
    });

    test('a handler that schedules its own timer again keeps it: complete and fail leave the new time alone', async () => {
      const { store } = await harness.open();
      await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
      await store.timers.schedule({ kind: 'k', key: 'b', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
      const [a, b] = await store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'p', 5);
      for (const key of ['a', 'b']) {
        await store.timers.schedule({ kind: 'k', key, releaseId: null, dueAt: at('2026-11-23T10:10:00Z') });
      }
      await store.timers.complete(a!.id);
      await store.timers.fail(b!.id, 'boom', at('2026-11-23T10:01:00Z'));
      expect((await store.timers.pending()).map((t) => [t.key, t.dueAt, t.attempts])).toEqual([
        ['a', at('2026-11-23T10:10:00Z'), 0],
        ['b', at('2026-11-23T10:10:00Z'), 0],
      ]);
    });

    test('a claim left by a dead process is taken over after the five-minute lease', async () => {
      const { store } = await harness.open();
      await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
      expect(await store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'dead', 5)).toHaveLength(1);
      expect(await store.timers.claimDue(at('2026-11-23T10:04:59Z'), 'alive', 5)).toHaveLength(0);
      const retaken = await store.timers.claimDue(at('2026-11-23T10:05:00Z'), 'alive', 5);
      expect(retaken.map((t) => [t.key, t.attempts])).toEqual([['a', 2]]);
    });

    test('a failure runs again at its retry time; no retry time, or too many attempts, gives up', async () => {
      const { store } = await harness.open();
      await store.timers.schedule({ kind: 'k', key: 'a', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
      await store.timers.schedule({ kind: 'k', key: 'b', releaseId: null, dueAt: at('2026-11-23T10:00:00Z') });
      const claimed = await store.timers.claimDue(at('2026-11-23T10:00:00Z'), 'p', 5);
      const [a, b] = claimed;
      await store.timers.fail(a!.id, 'boom', at('2026-11-23T10:01:00Z'));
      await store.timers.fail(b!.id, 'fatal', null);
      expect((await store.timers.pending()).map((t) => [t.key, t.dueAt])).toEqual([['a', at('2026-11-23T10:01:00Z')]]);
      expect(await store.timers.claimDue(at('2026-11-23T10:00:30Z'), 'p', 5)).toHaveLength(0);
      let attempts = 1;
      for (let minute = 1; attempts < MAX_TIMER_ATTEMPTS; minute += 1) {
        const [again] = await store.timers.claimDue(at(`2026-11-23T10:0${minute}:00Z`), 'p', 5);
        attempts = again!.attempts;
        expect(attempts).toBe(minute + 1);
        await store.timers.fail(again!.id, `boom ${attempts}`, at(`2026-11-23T10:0${minute + 1}:00Z`));
      }
      expect(await store.timers.pending()).toEqual([]);
      expect(await store.timers.claimDue(at('2026-11-23T11:00:00Z'), 'p', 5)).toEqual([]);
    });

    test('cancelling: by key (pending or running), or a release’s pending ones by kind prefix', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      const due = at('2026-11-23T10:00:00Z');
      for (const [key, kind, releaseId] of [
        ['s1', 'standup.reminder', release.id],
        ['s2', 'standup.summary', release.id],
        ['p1', 'poll.deadline', release.id],
        ['s3', 'standup.reminder', other.id],
        ['run', 'standup.reminder', release.id],
      ] as const) {
        await store.timers.schedule({ kind, key, releaseId, dueAt: key === 'run' ? at('2026-11-23T09:00:00Z') : due });
      }
      expect(await store.timers.claimDue(at('2026-11-23T09:30:00Z'), 'p', 5)).toHaveLength(1);
      expect(await store.timers.cancelForRelease(release.id, 'standup.')).toBe(2);
      expect((await store.timers.pending(release.id)).map((t) => t.key)).toEqual(['p1']);
      expect((await store.timers.pending(other.id)).map((t) => t.key)).toEqual(['s3']);
      expect(await store.timers.cancelForRelease(release.id)).toBe(1);
      expect(await store.timers.cancel('run')).toBe(true);
      expect(await store.timers.cancel('run')).toBe(false);
      expect(await store.timers.cancel('nothing')).toBe(false);
      expect(await store.timers.claimDue(at('2026-11-24T10:00:00Z'), 'p', 10)).toEqual([
        expect.objectContaining({ key: 's3' }),
      ]);
    });

    test('pending timers, soonest first, for everyone or one release', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      await store.timers.schedule({ kind: 'k', key: 'late', releaseId: release.id, dueAt: at('2026-11-23T12:00:00Z') });
      await store.timers.schedule({ kind: 'k', key: 'none', releaseId: null, dueAt: at('2026-11-23T11:00:00Z') });
      await store.timers.schedule({ kind: 'k', key: 'soon', releaseId: release.id, dueAt: at('2026-11-23T10:00:00Z') });
      expect((await store.timers.pending()).map((t) => t.key)).toEqual(['soon', 'none', 'late']);
      expect((await store.timers.pending(release.id)).map((t) => [t.key, t.releaseId])).toEqual([
        ['soon', release.id],
        ['late', release.id],
      ]);
    });
  });
}
