import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { deliver, examplePayload, WEBHOOK_SECRET } from '../github-helpers.ts';

async function staffed() {
  const t = await startTestBot({ env: { GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET } });
  await createStaffedRelease(t);
  return t;
}

test('the RM and DevOps link repositories (several per release), anyone lists them, unlink removes one', async () => {
  const t = await staffed();
  const shop = await t.command(CAST.rm.id, 'link github Acme/Shop');
  expect(shop.reply?.response_type).toBe('ephemeral');
  expect(shop.visible).toContain('Linked `acme/shop`');
  expect(shop.visible).toContain('checks CI=tests_passing');
  expect(shop.visible).toContain('environment `production`');
  const api = await t.command(
    CAST.devops.id,
    'link github acme/api environment:prod branch:release/2.4 checks:"Build=quality_gates, Security scan=security_scans" milestone:"2.4.0"',
  );
  expect(api.visible).toContain('Linked `acme/api`');
  expect(api.visible).toContain('branch `release/2.4`');
  expect(api.visible).toContain('Build=quality_gates, Security scan=security_scans');

  const listed = await t.command(CAST.outsider.id, 'link');
  expect(listed.visible).toContain('`acme/shop`');
  expect(listed.visible).toContain('`acme/api`');
  expect(listed.visible).toContain('milestone “2.4.0” → prs_merged');

  // Linking again changes the settings in place.
  const changed = await t.command(CAST.rm.id, 'link github acme/shop checks:"Tests=tests_passing"');
  expect(changed.visible).toContain('Updated the link of `acme/shop`');
  expect((await t.bot.store.github.linkOf('acme/shop'))?.checks).toEqual([
    { workflow: 'Tests', item: 'tests_passing' },
  ]);

  const unlinked = await t.command(CAST.rm.id, 'unlink github acme/shop');
  expect(unlinked.visible).toContain('Unlinked `acme/shop`');
  expect(await t.bot.store.github.linksOfChannel('T0TEAM', CHANNEL)).toHaveLength(1);
  // Its events are ignored from then on.
  const ping = examplePayload('ping', (p) => p.hook?.type === 'Repository', 'acme/shop');
  expect((await deliver(t, 'ping', ping)).status).toBe(202);
  const audit = (await t.bot.store.audit.forRelease(1)).map((a) => a.action).filter((a) => a.startsWith('github.'));
  expect(audit).toEqual(['github.linked', 'github.linked', 'github.link_changed', 'github.unlinked']);
});

test('refusals are specific, ephemeral, and write nothing', async () => {
  const t = await staffed();
  const cases: Array<[string, string, string]> = [
    [CAST.qa.id, 'link github acme/shop', 'of *2.4.0* links repositories: <@URM> (Release Manager), <@UDEVOPS>'],
    [CAST.app.id, 'link github acme/shop', 'only the Release Manager or DevOps, as a person, links repositories'],
    [CAST.rm.id, 'link gitlab acme/shop', '`gitlab` is not a source the bot links'],
    [CAST.rm.id, 'link github', 'Name the repository'],
    [CAST.rm.id, 'link github acme', 'Name the repository as `&lt;owner&gt;/&lt;repo&gt;`'],
    [CAST.rm.id, 'link github acme/shop checks:"CI=nope"', '`nope` is not a checklist key'],
    [CAST.rm.id, 'link github acme/shop checks:"CI"', '`CI` is not `&lt;workflow name&gt;=&lt;checklist key&gt;`'],
    [CAST.rm.id, 'link github acme/shop checks:"CI=tests_passing,ci=quality_gates"', 'mapped twice'],
    [CAST.rm.id, 'link github acme/shop branch:"a b"', '`branch:` is not a branch name'],
    [CAST.rm.id, 'link github acme/shop extra', '`extra` is not an option'],
    [CAST.rm.id, 'unlink github acme/shop', 'This channel does not link `acme/shop`'],
    [CAST.qa.id, 'unlink github acme/shop', 'Only the Release Manager or DevOps'],
  ];
  for (const [who, text, expected] of cases) {
    const answer = await t.command(who, text);
    expect(answer.reply?.response_type, text).toBe('ephemeral');
    expect(answer.visible, text).toContain(expected);
  }
  expect(await t.bot.store.github.linksOfChannel('T0TEAM', CHANNEL)).toEqual([]);
  expect((await t.bot.store.audit.forRelease(1)).filter((a) => a.action.startsWith('github.'))).toEqual([]);

  // A repository feeds one channel.
  expect((await t.command(CAST.rm.id, 'link github acme/shop')).visible).toContain('Linked');
  await t.command(CAST.rm.id, 'create 3.0.0 target:2026-12-20', 'C0OTHER');
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`, 'C0OTHER');
  const elsewhere = await t.command(CAST.rm.id, 'link github acme/shop', 'C0OTHER');
  expect(elsewhere.visible).toContain('`acme/shop` is already linked to <#');
});

test('help lists link and unlink', async () => {
  const t = await staffed();
  const help = await t.command(CAST.outsider.id, 'help');
  expect(help.visible).toContain('/release link');
  expect(help.visible).toContain('/release unlink github');
  const details = await t.command(CAST.outsider.id, 'help link');
  expect(details.visible).toContain('checks:"&lt;workflow&gt;=&lt;checklist key&gt;,…"');
});
