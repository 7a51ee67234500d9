import { describe, expect, test } from 'vitest';
import { at, contenders, type StoreHarness } from './harness.ts';

const NOW = at('2026-11-23T09:30:00Z');
const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
const RACERS = 8;

const intent = (owner: string, now = NOW, overrides: Partial<{ channelId: string; threadTs: string | null }> = {}) => ({
  key: 'standup:1:prompt',
  channelId: overrides.channelId ?? 'C1',
  threadTs: overrides.threadTs === undefined ? null : overrides.threadTs,
  searchFrom: at('2026-11-23T09:20:00Z'),
  owner,
  now,
  until: new Date(now.getTime() + MINUTE),
});

/** Posts made once (`PostIntentStore`) and shared messages rendered by one process at a time (`RenderLeaseStore`). */
export function intentContract(harness: StoreHarness): void {
  describe(`${harness.name}: post intents`, () => {
    test('the first claim records the intent; another owner waits for it to run out; its owner may renew it', async () => {
      const { store } = await harness.open();
      const first = await store.intents.claim(intent('a'));
      expect(first).toEqual({
        claimed: true,
        intent: {
          key: 'standup:1:prompt',
          channelId: 'C1',
          threadTs: null,
          searchFrom: at('2026-11-23T09:20:00Z'),
          attempts: 1,
          claimedUntil: later(1),
          posted: null,
        },
      });
      const blocked = await store.intents.claim(intent('b', later(0.5), { channelId: 'C2' }));
      expect(blocked.claimed).toBe(false);
      expect(blocked.intent).toMatchObject({ channelId: 'C1', attempts: 1, claimedUntil: later(1) });
      expect((await store.intents.claim(intent('a', later(0.5)))).intent.attempts).toBe(2);
      // a's renewed claim runs until 10:31:30; b takes it over after that, with the first claim's channel and bound.
      expect((await store.intents.claim(intent('b', later(1.4)))).claimed).toBe(false);
      const taken = await store.intents.claim(intent('b', later(1.5), { channelId: 'C2', threadTs: '1.2' }));
      expect(taken).toMatchObject({ claimed: true, intent: { channelId: 'C1', threadTs: null, attempts: 3 } });
      expect(taken.intent.searchFrom).toEqual(at('2026-11-23T09:20:00Z'));
    });

    test('a posted intent is never claimed again and carries its message; a release lets the next try in at once', async () => {
      const { store } = await harness.open();
      await store.intents.claim(intent('a'));
      await store.intents.release('standup:1:prompt', 'not-a');
      expect((await store.intents.claim(intent('b'))).claimed).toBe(false);
      await store.intents.release('standup:1:prompt', 'a');
      expect((await store.intents.claim(intent('b'))).claimed).toBe(true);
      await store.intents.posted('standup:1:prompt', { channelId: 'C1', ts: '1700000000.000100' }, later(1));
      const again = await store.intents.claim(intent('c', later(60)));
      expect(again).toMatchObject({
        claimed: false,
        intent: { attempts: 2, claimedUntil: null, posted: { channelId: 'C1', ts: '1700000000.000100' } },
      });
    });

    test('a thread reply keeps its thread; prune forgets intents recorded before a time', async () => {
      const { store } = await harness.open();
      await store.intents.claim({ ...intent('a'), key: 'old', threadTs: '1700000000.000001' });
      await store.intents.claim({ ...intent('a', later(10)), key: 'new' });
      expect((await store.intents.claim({ ...intent('z', later(20)), key: 'old' })).intent.threadTs).toBe(
        '1700000000.000001',
      );
      expect(await store.intents.prune(later(5))).toBe(1);
      expect((await store.intents.claim({ ...intent('z', later(30)), key: 'old' })).intent.attempts).toBe(1);
      expect((await store.intents.claim({ ...intent('z', later(30)), key: 'new' })).intent.attempts).toBe(2);
    });

    test(`${RACERS} replicas claiming one new intent at once: one holds it`, async () => {
      const opened = await harness.open();
      const stores = await contenders(opened, harness, RACERS);
      const claims = await Promise.all(stores.map((store, i) => store.intents.claim(intent(`p${i}`))));
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    });
  });

  describe(`${harness.name}: render leases`, () => {
    test('the first request holds the lease; others only count; the holder renders until it has caught up', async () => {
      const { store } = await harness.open();
      const { renders } = store;
      expect(await renders.request('poll:1', 'a', NOW, later(1))).toEqual({ held: true, version: 1, digest: null });
      expect(await renders.request('poll:1', 'b', NOW, later(1))).toEqual({ held: false, until: later(1) });
      expect(await renders.pending('poll:1')).toBe(true);
      // a rendered version 1 while b asked for version 2: a renders again.
      const next = await renders.rendered({
        key: 'poll:1',
        owner: 'a',
        version: 1,
        digest: 'd1',
        now: NOW,
        until: later(2),
      });
      expect(next).toEqual({ held: true, version: 2, digest: 'd1' });
      expect(
        await renders.rendered({ key: 'poll:1', owner: 'a', version: 2, digest: 'd2', now: NOW, until: later(2) }),
      ).toEqual({
        held: false,
        until: null,
      });
      expect(await renders.pending('poll:1')).toBe(false);
      expect(await renders.request('poll:1', 'b', NOW, later(1))).toEqual({ held: true, version: 3, digest: 'd2' });
    });

    test('a lease that ran out is taken over; the old holder learns it lost it; a release keeps the request owed', async () => {
      const { store } = await harness.open();
      const { renders } = store;
      await renders.request('poll:1', 'dead', NOW, later(1));
      expect(await renders.request('poll:1', 'b', later(0.5), later(1.5))).toMatchObject({ held: false });
      expect(await renders.request('poll:1', 'b', later(1), later(2))).toEqual({
        held: true,
        version: 3,
        digest: null,
      });
      expect(
        await renders.rendered({
          key: 'poll:1',
          owner: 'dead',
          version: 1,
          digest: 'old',
          now: later(1),
          until: later(2),
        }),
      ).toEqual({ held: false, until: null });
      await renders.release('poll:1', 'b');
      expect(await renders.pending('poll:1')).toBe(true);
      expect(await renders.request('poll:1', 'c', later(1), later(2))).toEqual({
        held: true,
        version: 4,
        digest: null,
      });
      expect(await renders.pending('nothing')).toBe(false);
    });

    test(`${RACERS} replicas asking at once: every request counts and one holds the lease`, async () => {
      const opened = await harness.open();
      const stores = await contenders(opened, harness, RACERS);
      const grants = await Promise.all(
        stores.map((store, i) => store.renders.request('poll:9', `p${i}`, NOW, later(1))),
      );
      const held = grants.filter((g) => g.held);
      expect(held).toHaveLength(1);
      const last = await opened.store.renders.request('poll:9', 'late', NOW, later(1));
      expect(last).toEqual({ held: false, until: later(1) });
      const holder = `p${grants.findIndex((g) => g.held)}`;
      expect(await opened.store.renders.request('poll:9', holder, NOW, later(1))).toMatchObject({
        held: true,
        version: RACERS + 2,
      });
    });
  });
}
