import { describe, expect, test } from 'vitest';
import { at, contenders, type StoreHarness } from './harness.ts';

export function interactionContract(harness: StoreHarness): void {
  describe(`${harness.name}: interactions (deliveries and opened views)`, () => {
    const now = at('2026-11-23T10:00:00Z');
    const later = at('2026-11-23T10:10:00Z');

    test('a key is claimed once until it expires, then again; a released key at once', async () => {
      const { store } = await harness.open();
      expect(await store.interactions.claim('sig:a', now, later)).toBe(true);
      expect(await store.interactions.claim('sig:a', at('2026-11-23T10:09:59Z'), later)).toBe(false);
      expect(await store.interactions.claim('sig:b', now, later)).toBe(true);
      expect(await store.interactions.claim('sig:a', later, at('2026-11-23T10:20:00Z'))).toBe(true);
      expect(await store.interactions.claim('sig:a', at('2026-11-23T10:15:00Z'), later)).toBe(false);
      await store.interactions.release('sig:a');
      expect(await store.interactions.claim('sig:a', at('2026-11-23T10:15:00Z'), later)).toBe(true);
    });

    test('replicas claiming the same key at once: exactly one wins', async () => {
      const opened = await harness.open();
      const stores = await contenders(opened, harness, 4);
      const results = await Promise.all(stores.map((s) => s.interactions.claim('view:V1', now, later)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const again = await (await opened.replica()).interactions.claim('view:V1', now, later);
      expect(again).toBe(false);
    });

    test('an opened view is found until it expires; recording it again replaces its context', async () => {
      const { store, replica } = await harness.open();
      const view = {
        viewId: 'V0AAA',
        callbackId: 'risk_add',
        userId: 'U0RM',
        privateMetadata: '{"releaseId":1}',
        openedAt: now,
        expiresAt: later,
      };
      await store.interactions.recordView(view);
      expect(await (await replica()).interactions.findView('V0AAA', now)).toEqual(view);
      expect(await store.interactions.findView('V0BBB', now)).toBeUndefined();
      expect(await store.interactions.findView('V0AAA', later)).toBeUndefined();
      await store.interactions.recordView({ ...view, privateMetadata: '{"releaseId":2}' });
      expect((await store.interactions.findView('V0AAA', now))?.privateMetadata).toBe('{"releaseId":2}');
    });

    test('purging removes what has expired and keeps the rest', async () => {
      const { store } = await harness.open();
      await store.interactions.claim('old', now, at('2026-11-23T10:01:00Z'));
      await store.interactions.claim('new', now, later);
      await store.interactions.recordView({
        viewId: 'V0OLD',
        callbackId: 'c',
        userId: 'U1',
        privateMetadata: '',
        openedAt: now,
        expiresAt: at('2026-11-23T10:01:00Z'),
      });
      expect(await store.interactions.purgeExpired(at('2026-11-23T10:05:00Z'))).toBe(2);
      expect(await store.interactions.claim('new', at('2026-11-23T10:05:00Z'), later)).toBe(false);
      expect(await store.interactions.claim('old', at('2026-11-23T10:05:00Z'), later)).toBe(true);
    });
  });
}
