import { describe, expect, test } from 'vitest';
import { at, contenders, insertRelease, type StoreHarness } from './harness.ts';

const DUE = at('2026-11-23T09:30:00Z');
const RACERS = 8;

/** Replicas at the same moment: whatever is claimed, is claimed by exactly one of them. */
export function concurrencyContract(harness: StoreHarness): void {
  describe(`${harness.name}: replicas at the same moment`, () => {
    test(`${RACERS} claims of one due timer: one winner`, async () => {
      const opened = await harness.open();
      await opened.store.timers.schedule({ kind: 'k', key: 'once', releaseId: null, dueAt: DUE });
      const stores = await contenders(opened, harness, RACERS);
      const claims = await Promise.all(stores.map((store, i) => store.timers.claimDue(DUE, `p${i}`, 5)));
      expect(claims.flat().map((t) => [t.key, t.attempts])).toEqual([['once', 1]]);
    });

    test(`${RACERS} takeovers of one expired lease: one winner`, async () => {
      const opened = await harness.open();
      await opened.store.timers.schedule({ kind: 'k', key: 'stale', releaseId: null, dueAt: DUE });
      await opened.store.timers.claimDue(DUE, 'dead', 5);
      const later = new Date(DUE.getTime() + 6 * 60_000);
      const stores = await contenders(opened, harness, RACERS);
      const claims = await Promise.all(stores.map((store, i) => store.timers.claimDue(later, `p${i}`, 5)));
      expect(claims.flat().map((t) => [t.key, t.attempts])).toEqual([['stale', 2]]);
    });

    test('replicas draining 30 due timers together run each exactly once', async () => {
      const opened = await harness.open();
      for (let i = 0; i < 30; i += 1) {
        await opened.store.timers.schedule({ kind: 'k', key: `t${i}`, releaseId: null, dueAt: DUE });
      }
      const stores = await contenders(opened, harness, 3);
      const claimed: string[] = [];
      for (let round = 0; round < 20 && claimed.length < 30; round += 1) {
        const batches = await Promise.all(stores.map((store, i) => store.timers.claimDue(DUE, `p${i}`, 4)));
        claimed.push(...batches.flat().map((t) => t.key));
      }
      expect(claimed).toHaveLength(30);
      expect(new Set(claimed).size).toBe(30);
    });

    test(`${RACERS} claims of one scheduled run: one winner; ${RACERS} takeovers of its failure: one winner`, async () => {
      const opened = await harness.open();
      const release = await insertRelease(opened.store);
      const stores = await contenders(opened, harness, RACERS);
      const race = () =>
        Promise.all(
          stores.map((store, i) =>
            store.cadence.claim({
              releaseId: release.id,
              job: 'standup',
              slot: '2026-11-23',
              dueAt: DUE,
              owner: `p${i}`,
              now: DUE,
            }),
          ),
        );
      expect((await race()).filter(Boolean)).toHaveLength(1);
      await opened.store.cadence.finish(release.id, 'standup', '2026-11-23', 'failed', DUE, 'boom');
      expect((await race()).filter(Boolean)).toHaveLength(1);
      expect(await opened.store.cadence.find(release.id, 'standup', '2026-11-23')).toMatchObject({ status: 'claimed' });
    });

    test("one person's answers for several roles, saved by different replicas at once, are all kept", async () => {
      const opened = await harness.open();
      const release = await insertRelease(opened.store);
      const standup = await opened.store.standups.open({
        releaseId: release.id,
        slot: '2026-11-23',
        channelId: 'C1',
        at: DUE,
      });
      const roles = ['rm', 'tech_lead', 'qa_lead', 'devops', 'product_owner'] as const;
      const stores = await contenders(opened, harness, roles.length);
      await Promise.all(
        roles.map((role, i) =>
          stores[i]!.standups.saveAnswer({
            standupId: standup.id,
            userId: 'UALL',
            answers: { [role]: { today: role } },
            at: DUE,
          }),
        ),
      );
      const [answer, ...others] = await opened.store.standups.answers(standup.id);
      expect(others).toEqual([]);
      expect(Object.keys(answer?.answers ?? {}).sort()).toEqual([...roles].sort());
    });
  });
}
