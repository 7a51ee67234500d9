import { expect, test } from 'vitest';
import type { Role } from '../../src/core/domain/roles.ts';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../src/core/ids.ts';
import { CHECKLIST_ITEMS } from '../../src/governance/domain/checklist.ts';
import { commandPosting } from '../helpers/channel-posts.ts';
import { tickThroughSlack } from '../helpers/checklist.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';

const HOLDER: Record<Role, string> = {
  rm: CAST.rm.id,
  tech_lead: CAST.tech.id,
  qa_lead: CAST.qa.id,
  devops: CAST.devops.id,
  product_owner: CAST.po.id,
};

async function handoff(t: TestBot, which: string, signer: string, confirmer: string) {
  const posted = await commandPosting(t, CAST.rm.id, `handoff ${which}`);
  await t.driver.clickButton({
    userId: signer,
    channelId: CHANNEL,
    messageTs: posted.ts,
    actionId: ACTION_IDS.handoffSignOff,
  });
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, posted.ts)).includes('Signed off') ? true : undefined,
  );
  await t.driver.clickButton({
    userId: confirmer,
    channelId: CHANNEL,
    messageTs: posted.ts,
    actionId: ACTION_IDS.handoffConfirm,
  });
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, posted.ts)).includes('Confirmed') ? true : undefined,
  );
}

test('a release from creation through checklist, handoffs, go/no-go with one override, ship and done; metrics and export tell its story', async () => {
  const t = await startTestBot({ now: '2026-11-23T09:00:00Z' });
  await createStaffedRelease(t);

  // Every checklist item but the documentation is ticked by its owner, one with a link as evidence.
  for (const item of CHECKLIST_ITEMS.filter((i) => i.key !== 'docs_updated')) {
    await tickThroughSlack(
      t,
      HOLDER[item.owner],
      item.key,
      item.key === 'tests_passing' ? 'https://ci.example.com/run/42' : null,
    );
  }
  await handoff(t, 'dev-qa', CAST.tech.id, CAST.qa.id);
  await handoff(t, 'qa-devops', CAST.qa.id, CAST.devops.id);

  // The go/no-go: all four Responsible roles vote Go; the RM decides Go with the one open item, by override.
  t.clock.set('2026-12-09T14:00:00Z');
  const poll = await commandPosting(t, CAST.rm.id, 'gonogo');
  expect(poll.visible).toContain('1 of 10 items open');
  const decide = poll.blocks.find((b) => b.block_id === BLOCK_IDS.pollDecide) as { elements: Array<{ value: string }> };
  const pollId = decide.elements[0]?.value;
  for (const [role, who] of [
    ['tech_lead', CAST.tech.id],
    ['qa_lead', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['product_owner', CAST.po.id],
  ] as const) {
    await t.driver.clickButton({
      userId: who,
      channelId: CHANNEL,
      messageTs: poll.ts,
      actionId: ACTION_IDS.pollVoteGo,
      value: `${pollId}:${role}`,
    });
  }
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, poll.ts)).includes('Recommendation: Go') ? true : undefined,
  );
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: ACTION_IDS.pollDecideGo,
    value: pollId,
  });
  const form = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[0]);
  const decided = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(form.id),
    values: {
      [BLOCK_IDS.pollRationale]: { [INPUT_ACTION_ID]: null },
      [BLOCK_IDS.pollOverride]: { [INPUT_ACTION_ID]: 'Docs land the day after; support is briefed' },
    },
  });
  expect(decided.ack ?? '').toBe('');
  await t.fake.waitFor(() =>
    visibleText(t.fake.message(CHANNEL, poll.ts)).includes('Decision: Go') ? true : undefined,
  );

  t.clock.set('2026-12-10T08:00:00Z');
  const shipped = await commandPosting(t, CAST.rm.id, 'ship');
  expect(shipped.visible).not.toContain('No Go decision');
  t.clock.set('2026-12-11T08:00:00Z');
  await commandPosting(t, CAST.rm.id, 'done');

  const metrics = (await t.command(CAST.rm.id, 'metrics')).visible;
  expect(metrics).toMatch(/On-time delivery[^"]*100%[^"]*1 of 1/);
  expect(metrics).toMatch(/Deployment success[^"]*100%[^"]*1 of 1/);
  expect(metrics).toContain('18h');
  expect(metrics).toMatch(/Checklist overrides[^"]*1/);

  const decisions = (await t.command(CAST.po.id, 'decisions release:2.4.0')).visible;
  expect(decisions).toContain('Checklist override (Go with open items)');
  expect(decisions).toContain('Docs land the day after');

  const exported = await t.command(CAST.po.id, 'export');
  expect(exported.visible).toContain('Uploaded the record');
  const md = t.fake.files[0]?.content ?? '';
  for (const expected of [
    '| Status | Done |',
    '9 of 10 items ticked.',
    'https://ci.example.com/run/42',
    'Development → QA',
    'Docs land the day after',
    '## Votes',
    '## Timeline',
    '## Appendix: machine-readable audit log',
  ]) {
    expect(md).toContain(expected);
  }
}, 30_000);
