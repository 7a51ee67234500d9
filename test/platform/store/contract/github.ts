import { describe, expect, test } from 'vitest';
import type { NewGithubLink } from '../../../../src/github/domain/links.ts';
import { at, insertRelease, type StoreHarness, TEAM } from './harness.ts';

const link = (channelId: string, repo: string, more: Partial<NewGithubLink> = {}): NewGithubLink => ({
  teamId: TEAM,
  channelId,
  repo,
  environment: 'production',
  branch: null,
  checks: [{ workflow: 'CI', item: 'tests_passing' }],
  milestone: null,
  createdBy: 'URM',
  createdAt: at('2026-11-23T09:00:00.123Z'),
  ...more,
});

export function githubContract(harness: StoreHarness): void {
  describe(`${harness.name}: GitHub links and versions`, () => {
    test('links: found by repository, listed per channel oldest first, replaced in place, deleted', async () => {
      const { store } = await harness.open();
      const a = await store.github.saveLink(link('C1', 'acme/shop'));
      const b = await store.github.saveLink(link('C1', 'acme/api', { branch: 'main', milestone: '2.4.0' }));
      await store.github.saveLink(link('C2', 'acme/other'));
      expect(a).toEqual({ ...link('C1', 'acme/shop'), id: a.id });
      expect(await store.github.linkOf('acme/api')).toEqual(b);
      expect(await store.github.linkOf('acme/none')).toBeUndefined();
      const changed = await store.github.saveLink(
        link('C1', 'acme/shop', { environment: 'prod', checks: [{ workflow: 'Build', item: 'quality_gates' }] }),
      );
      expect(changed.id).toBe(a.id);
      expect(await store.github.linksOfChannel(TEAM, 'C1')).toEqual([changed, b]);
      expect(changed).toMatchObject({ environment: 'prod', checks: [{ workflow: 'Build', item: 'quality_gates' }] });
      await store.github.deleteLink(b.id);
      expect(await store.github.linksOfChannel(TEAM, 'C1')).toEqual([changed]);
      expect(await store.github.linksOfChannel('T0OTHER', 'C1')).toEqual([]);
    });

    test('versions: a tag is recorded once per release and repository, oldest first', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const v = {
        releaseId: release.id,
        repo: 'acme/shop',
        tag: 'v2.4.0',
        url: 'https://github.com/x',
        at: at('2026-11-24T10:00:00.456Z'),
      };
      expect(await store.github.recordVersion(v)).toBe(true);
      expect(await store.github.recordVersion({ ...v, at: at('2026-11-25T10:00:00Z') })).toBe(false);
      expect(await store.github.recordVersion({ ...v, repo: 'acme/api', url: null })).toBe(true);
      const versions = await store.github.versionsOf(release.id);
      expect(versions.map(({ id: _id, ...rest }) => rest)).toEqual([v, { ...v, repo: 'acme/api', url: null }]);
    });
  });
}
