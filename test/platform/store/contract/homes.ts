import { describe, expect, test } from 'vitest';
import { at, type StoreHarness, TEAM } from './harness.ts';

export function homeContract(harness: StoreHarness): void {
  describe(`${harness.name}: App Home viewers`, () => {
    test('a viewer is remembered per workspace and person, and replaced by the next publish', async () => {
      const { store } = await harness.open();
      expect(await store.homes.viewers(TEAM)).toEqual([]);
      await store.homes.remember({
        teamId: TEAM,
        userId: 'UQA',
        shown: [3, 1],
        publishedAt: at('2026-11-23T09:00:00.123Z'),
      });
      await store.homes.remember({
        teamId: 'T0OTHER',
        userId: 'UQA',
        shown: [],
        publishedAt: at('2026-11-23T09:00:00Z'),
      });
      await store.homes.remember({
        teamId: TEAM,
        userId: 'UQA',
        shown: [2],
        publishedAt: at('2026-11-23T10:00:00.456Z'),
      });
      await store.homes.remember({ teamId: TEAM, userId: 'URM', shown: [], publishedAt: at('2026-11-23T09:30:00Z') });
      const viewers = (await store.homes.viewers(TEAM)).sort((a, b) => a.userId.localeCompare(b.userId));
      expect(viewers).toEqual([
        { teamId: TEAM, userId: 'UQA', shown: [2], publishedAt: at('2026-11-23T10:00:00.456Z') },
        { teamId: TEAM, userId: 'URM', shown: [], publishedAt: at('2026-11-23T09:30:00Z') },
      ]);
      expect(await store.homes.viewers('T0OTHER')).toHaveLength(1);
    });
  });
}
