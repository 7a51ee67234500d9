import { describe, expect, test } from 'vitest';
import type { Store } from '../../../../src/deps.ts';
import { at, contenders, insertRelease, rendezvous, type StoreHarness, TEAM } from './harness.ts';

const entry = (releaseId: number, action: string) => ({
  teamId: TEAM,
  releaseId,
  actorId: 'URM',
  action,
  at: at('2026-11-23T10:00:00Z'),
});

async function addRisk(store: Store, releaseId: number) {
  return store.risks.add({
    releaseId,
    title: 'counter',
    severity: 1,
    likelihood: 1,
    ownerId: null,
    mitigation: null,
    dueDate: null,
    createdBy: 'URM',
    createdAt: at('2026-11-23T10:00:00Z'),
  });
}

export function transactionContract(harness: StoreHarness): void {
  describe(`${harness.name}: transactions`, () => {
    test("what the function writes lands together, and its value is the transaction's", async () => {
      const { store } = await harness.open();
      const result = await store.transaction(async () => {
        const release = await insertRelease(store, { name: 'together' });
        await store.audit.record(entry(release.id, 'release.created'));
        return release.id;
      });
      expect((await store.releases.findByName(TEAM, 'together'))?.id).toBe(result);
      expect((await store.audit.forRelease(result)).map((e) => e.action)).toEqual(['release.created']);
    });

    test('a function that throws writes nothing, and its error comes back as it was', async () => {
      const { store } = await harness.open();
      const failure = new Error('changed my mind');
      let releaseId = 0;
      await expect(
        store.transaction(async () => {
          releaseId = (await insertRelease(store, { name: 'never' })).id;
          await store.audit.record(entry(releaseId, 'release.created'));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.releases.findByName(TEAM, 'never')).toBeUndefined();
      expect(await store.audit.forRelease(releaseId)).toEqual([]);
      expect((await insertRelease(store, { name: 'never' })).name).toBe('never');
    });

    test('a nested transaction is a savepoint: its failure undoes its own writes only', async () => {
      const { store } = await harness.open();
      const outcome = await store.transaction(async () => {
        const release = await insertRelease(store, { name: 'outer' });
        await store.audit.record(entry(release.id, 'outer'));
        const inner = await store
          .transaction(async () => {
            await store.audit.record(entry(release.id, 'inner, undone'));
            await insertRelease(store, { name: 'inner' });
            throw new Error('inner failed');
          })
          .catch((error: Error) => error.message);
        const kept = await store.transaction(async () => {
          await store.audit.record(entry(release.id, 'inner, kept'));
          return 'kept';
        });
        return { releaseId: release.id, inner, kept };
      });
      expect(outcome).toMatchObject({ inner: 'inner failed', kept: 'kept' });
      expect(await store.releases.findByName(TEAM, 'inner')).toBeUndefined();
      expect((await store.audit.forRelease(outcome.releaseId)).map((e) => e.action)).toEqual(['outer', 'inner, kept']);
    });

    test('inside, the store sees what the transaction wrote; another connection sees it once committed', async () => {
      const opened = await harness.open();
      const { store } = opened;
      const other = await opened.replica();
      let seenInside: unknown;
      let seenOutside: unknown = 'not looked';
      const id = await store.transaction(async () => {
        const release = await insertRelease(store, { name: 'private' });
        seenInside = (await store.releases.findById(release.id))?.name;
        seenOutside = await other.releases.findByName(TEAM, 'private');
        return release.id;
      });
      expect([seenInside, seenOutside]).toEqual(['private', undefined]);
      expect((await other.releases.findById(id))?.name).toBe('private');
    });

    test("a read sees one snapshot: another connection's commit in between shows only in the next read", async () => {
      const opened = await harness.open();
      const { store } = opened;
      const other = await opened.replica();
      const release = await insertRelease(store, { name: 'snapshot' });
      const seen = await store.read(async () => {
        const before = (await store.audit.forRelease(release.id)).length;
        await other.audit.record(entry(release.id, 'written.meanwhile'));
        const after = (await store.audit.forRelease(release.id)).length;
        return [before, after];
      });
      expect(seen).toEqual([0, 0]);
      expect(await store.audit.forRelease(release.id)).toHaveLength(1);
    });

    test('a read inside a transaction joins it and sees its writes', async () => {
      const { store } = await harness.open();
      const name = await store.transaction(async () => {
        const release = await insertRelease(store, { name: 'joined' });
        return store.read(async () => (await store.releases.findById(release.id))?.name);
      });
      expect(name).toBe('joined');
    });

    test('transactions that read, then write the same row all land: none overwrites another', async () => {
      const opened = await harness.open();
      const release = await insertRelease(opened.store);
      const risk = await addRisk(opened.store, release.id);
      const stores = await contenders(opened, harness, 4);
      const meet = rendezvous(stores.length);
      let runs = 0;
      await Promise.all(
        stores.map((store) =>
          store.transaction(async () => {
            runs += 1;
            const current = await store.risks.findById(risk.id);
            await meet();
            await store.risks.update(risk.id, { severity: current!.severity + 1 });
          }),
        ),
      );
      expect((await opened.store.risks.findById(risk.id))?.severity).toBe(1 + stores.length);
      // On PostgreSQL they overlapped, and SERIALIZABLE sent all but one back to run again.
      if (harness.overlapping) expect(runs).toBeGreaterThan(stores.length);
      else expect(runs).toBe(stores.length);
    });
  });
}
