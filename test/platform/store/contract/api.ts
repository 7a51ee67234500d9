import { describe, expect, test } from 'vitest';
import type { NewDeployment } from '../../../../src/api/domain/deployments.ts';
import { at, insertRelease, type StoreHarness, TEAM } from './harness.ts';

const token = (channelId: string, name: string, hash: string) => ({
  teamId: TEAM,
  channelId,
  name,
  hash,
  createdBy: 'URM',
  createdAt: at('2026-11-23T09:00:00.123Z'),
});

export function apiContract(harness: StoreHarness): void {
  describe(`${harness.name}: the pipeline API`, () => {
    test('tokens: found by hash, listed per channel oldest first with the revoked ones, touched and revoked', async () => {
      const { store } = await harness.open();
      const a = await store.api.insertToken(token('C1', 'github', 'a'.repeat(64)));
      const b = await store.api.insertToken(token('C1', 'deploy', 'b'.repeat(64)));
      await store.api.insertToken(token('C2', 'github', 'c'.repeat(64)));
      expect(a).toEqual({
        ...token('C1', 'github', 'a'.repeat(64)),
        id: a.id,
        lastUsedAt: null,
        revokedBy: null,
        revokedAt: null,
      });
      expect(await store.api.tokenByHash('b'.repeat(64))).toEqual(b);
      expect(await store.api.tokenByHash('d'.repeat(64))).toBeUndefined();
      await store.api.touchToken(a.id, at('2026-11-24T10:00:00.456Z'));
      await store.api.revokeToken(b.id, 'URM', at('2026-11-25T10:00:00Z'));
      expect(await store.api.tokensOfChannel(TEAM, 'C1')).toEqual([
        { ...a, lastUsedAt: at('2026-11-24T10:00:00.456Z') },
        { ...b, revokedBy: 'URM', revokedAt: at('2026-11-25T10:00:00Z') },
      ]);
      expect(await store.api.tokensOfChannel('T0OTHER', 'C1')).toEqual([]);
      // The hash is unique: the same secret cannot be two tokens.
      await expect(store.api.insertToken(token('C3', 'dup', 'a'.repeat(64)))).rejects.toThrow();
    });

    test('a rate window per token, saved in place', async () => {
      const { store } = await harness.open();
      const t = await store.api.insertToken(token('C1', 'github', 'a'.repeat(64)));
      expect(await store.api.rateWindow(t.id)).toBeUndefined();
      await store.api.saveRateWindow({ tokenId: t.id, startedAt: at('2026-11-24T10:00:00Z'), count: 1 });
      await store.api.saveRateWindow({ tokenId: t.id, startedAt: at('2026-11-24T10:00:00Z'), count: 2 });
      expect(await store.api.rateWindow(t.id)).toEqual({
        tokenId: t.id,
        startedAt: at('2026-11-24T10:00:00Z'),
        count: 2,
      });
    });

    test('idempotency keys: claimed pending, completed with the answer, given back, replaced, pruned by age', async () => {
      const { store } = await harness.open();
      const t = await store.api.insertToken(token('C1', 'github', 'a'.repeat(64)));
      const claim = { tokenId: t.id, key: 'k1', fingerprint: 'f1', createdAt: at('2026-11-24T10:00:00Z') };
      await store.api.claimIdempotency(claim);
      expect(await store.api.idempotency(t.id, 'k1')).toEqual({ ...claim, answer: null });
      const answer = { status: 201, body: '{"a":1}', contentType: 'application/json' };
      await store.api.completeIdempotency(t.id, 'k1', answer);
      expect(await store.api.idempotency(t.id, 'k1')).toEqual({ ...claim, answer });
      // Re-claiming (an expired answer, an abandoned claim) starts the key over.
      const later = { ...claim, fingerprint: 'f2', createdAt: at('2026-11-25T11:00:00Z') };
      await store.api.claimIdempotency(later);
      expect(await store.api.idempotency(t.id, 'k1')).toEqual({ ...later, answer: null });
      await store.api.releaseIdempotency(t.id, 'k1');
      expect(await store.api.idempotency(t.id, 'k1')).toBeUndefined();
      await store.api.claimIdempotency({ ...claim, key: 'old' });
      await store.api.claimIdempotency({ ...claim, key: 'new', createdAt: at('2026-11-25T10:00:00Z') });
      expect(await store.api.pruneIdempotency(at('2026-11-25T09:00:00Z'))).toBe(1);
      expect(await store.api.idempotency(t.id, 'old')).toBeUndefined();
      expect(await store.api.idempotency(t.id, 'new')).toBeDefined();
    });

    test('deployments: kept with every field, listed per release oldest first', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      const deployment = (releaseId: number, overrides: Partial<NewDeployment> = {}): NewDeployment => ({
        teamId: TEAM,
        releaseId,
        environment: 'production',
        status: 'started',
        version: 'v2.4.0',
        url: 'https://ci.example.com/d/1',
        reportedBy: 'ci:github',
        at: at('2026-12-01T10:00:00.789Z'),
        outcome: 'blocked',
        blockedBy: ['no_go', 'open_items'],
        ...overrides,
      });
      const first = await store.api.insertDeployment(deployment(release.id));
      const second = await store.api.insertDeployment(
        deployment(release.id, { status: 'succeeded', outcome: 'shipped', blockedBy: null, version: null, url: null }),
      );
      await store.api.insertDeployment(deployment(other.id));
      expect(first).toEqual({ ...deployment(release.id), id: first.id });
      expect(await store.api.deploymentsOf(release.id)).toEqual([first, second]);
      expect(await store.api.deploymentsOf(release.id + 1000)).toEqual([]);
    });
  });
}
