import { expect, test } from 'vitest';
import { CALLBACK_IDS } from '../../../src/core/ids.ts';
import { createStaffedRelease, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeView } from '../../support/fake-slack/fake-slack.ts';
import { viewBlockActions } from '../../support/fake-slack/payloads.ts';

async function home(t: TestBot, userId: string): Promise<FakeView> {
  const before = t.fake.homeView(userId)?.hash;
  await t.driver.openHome(userId);
  return t.fake.waitFor(() => {
    const view = t.fake.homeView(userId);
    return view && view.hash !== before ? view : undefined;
  });
}

const buttons = (view: FakeView) =>
  (view.blocks as unknown as Array<{ accessory?: { action_id: string; text: { text: string } } }>).flatMap((b) =>
    b.accessory ? [b.accessory.text.text] : [],
  );

test("the App Home's buttons open the right forms: Answer standup, Tick…, and the RM's Configure", async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();

  const techHome = await home(t, CAST.tech.id);
  expect(buttons(techHome)).toContain('Answer standup');
  expect(buttons(techHome)).not.toContain('Configure');
  await t.driver.clickInView({ userId: CAST.tech.id, viewId: String(techHome.id), actionId: 'standup_answer' });
  const standup = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
  expect(standup.callback_id).toBe('standup_answer');
  await t.driver.submitView({ userId: CAST.tech.id, viewId: String(standup.id), values: {} });
  await t.fake.waitFor(() =>
    t.fake.messages(CHANNEL).some((m) => t.fake.thread(CHANNEL, m.ts).some((r) => r.text.includes(CAST.tech.id)))
      ? true
      : undefined,
  );
  // The Home refreshes by itself once the answer is in.
  await t.fake.waitFor(() => {
    const now = t.fake.homeView(CAST.tech.id);
    return now && now.hash !== techHome.hash && !buttons(now).includes('Answer standup') ? true : undefined;
  });

  const qaHome = await home(t, CAST.qa.id);
  expect(buttons(qaHome)).toContain('Tick…');
  await t.driver.clickInView({ userId: CAST.qa.id, viewId: String(qaHome.id), actionId: 'checklist_tick' });
  const evidence = await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id).at(-1));
  expect(evidence.callback_id).toBe('checklist_evidence');

  const rmHome = await home(t, CAST.rm.id);
  expect(buttons(rmHome)).toEqual(expect.arrayContaining(['Answer standup', 'Open go/no-go', 'Configure']));
  await t.driver.clickInView({ userId: CAST.rm.id, viewId: String(rmHome.id), actionId: 'standup_configure' });
  const config = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  expect(config.callback_id).toBe('standup_config');
  const saved = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(config.id),
    values: { standup_config_delivery: { value: 'dm' }, standup_config_time: { value: '10:15' } },
  });
  expect(saved.ack ?? null).toBeNull();
  const schedule = await t.command(CAST.rm.id, 'schedule');
  expect(schedule.visible).toContain('10:15 on mon-fri (by DM');

  // Open go/no-go from the Home posts the poll in the channel.
  await t.driver.clickInView({ userId: CAST.rm.id, viewId: String(rmHome.id), actionId: 'poll_open_go_no_go' });
  await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Go/No-Go')));
  expect(buttons(await home(t, CAST.tech.id))).toContain('Vote');
}, 30_000);

test('with many releases the Home stays under 100 blocks: the most urgent first, then "and N more"', async () => {
  const t = await startTestBot();
  for (let i = 0; i < 30; i += 1) {
    const channel = `C0REL${String(i).padStart(3, '0')}`;
    t.fake.addChannel({ id: channel, name: `rel-${i}`, members: [CAST.rm.id, CAST.tech.id] });
    await t.command(CAST.rm.id, `create r${i} target:2026-12-${String(10 + (i % 15)).padStart(2, '0')}`, channel);
    await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`, channel);
  }
  const blocks = (await home(t, CAST.rm.id)).blocks as unknown[];
  expect(blocks.length).toBeLessThanOrEqual(100);
  expect(JSON.stringify(blocks.at(-1))).toMatch(/and \d+ more releases/);
  // Soonest target first among equally urgent cards.
  expect(JSON.stringify(blocks[2])).toContain('r0');
}, 30_000);

test("Export is on the RM's card only: a click sends the record to the RM by direct message", async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);

  const techHome = await home(t, CAST.tech.id);
  expect(buttons(techHome)).not.toContain('Export');

  const rmHome = await home(t, CAST.rm.id);
  expect(buttons(rmHome)).toContain('Export');
  await t.driver.clickInView({ userId: CAST.rm.id, viewId: String(rmHome.id), actionId: 'record_export' });
  const file = await t.fake.waitFor(() => t.fake.files[0]);
  expect(file.channel).toBe(t.fake.dmChannelId(CAST.rm.id));
  expect(file.filename).toBe('release-2.4.0-record.md');
  expect(file.content).toContain('2.4.0');
  // Nothing lands in the release channel, and the Home says where the file went.
  expect(t.fake.files.filter((f) => f.channel === CHANNEL)).toEqual([]);
  await t.fake.waitFor(() =>
    JSON.stringify(t.fake.homeView(CAST.rm.id)?.blocks).includes('Sent you the record') ? true : undefined,
  );
  expect(t.fake.files).toHaveLength(1);
}, 30_000);

test('an Export click from someone outside the release channel sends nothing and says why', async () => {
  const t = await startTestBot();
  t.fake.addChannel({ id: 'C0SECRET', name: 'secret', isPrivate: true, members: [CAST.rm.id, t.fake.botUserId] });
  await t.command(CAST.rm.id, 'create secret-1.0 target:2026-12-10', 'C0SECRET');
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`, 'C0SECRET');
  const rmHome = await home(t, CAST.rm.id);
  const button = (rmHome.blocks as unknown as Array<{ block_id: string; accessory?: Record<string, unknown> }>).find(
    (b) => b.accessory?.action_id === 'record_export',
  );
  expect(button).toBeDefined();
  // The outsider replays the RM's button from their own Home (a forged click): the command's membership check holds.
  const outsiderHome = await home(t, CAST.outsider.id);
  const action = { ...button?.accessory, block_id: button?.block_id, action_ts: '1764550000.000100' };
  await t.driver.sendInteraction(
    viewBlockActions(t.fake, { userId: CAST.outsider.id, view: outsiderHome, action, triggerId: 'T0FORGED' }),
  );
  await t.fake.waitFor(() =>
    JSON.stringify(t.fake.homeView(CAST.outsider.id)?.blocks).includes('only its members can export it')
      ? true
      : undefined,
  );
  expect(t.fake.files).toEqual([]);
}, 30_000);

test('the person who created a release with no Release Manager yet finds it on their Home, with Assign roles', async () => {
  const t = await startTestBot();
  const created = await t.command(CAST.qa.id, 'create 2.4.0 target:2026-12-10 window:2026-12-01..2026-12-12');
  expect(created.reply?.response_type).toBe('in_channel');
  const creatorHome = await home(t, CAST.qa.id);
  expect(JSON.stringify(creatorHome.blocks)).toContain('2.4.0');
  expect(buttons(creatorHome)).toContain('Assign roles');
  // Someone else in the workspace is not asked to staff a release they did not make.
  expect(buttons(await home(t, CAST.tech.id))).not.toContain('Assign roles');

  await t.driver.clickInView({ userId: CAST.qa.id, viewId: String(creatorHome.id), actionId: 'roles_open' });
  const form = await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id).at(-1));
  expect(form.callback_id).toBe(CALLBACK_IDS.assignRoles);

  // Once a Release Manager is named, the card's ask is gone (the QA Lead now holds no role: no card at all).
  await t.command(CAST.qa.id, `role rm <@${CAST.rm.id}>`);
  expect(buttons(await home(t, CAST.qa.id))).not.toContain('Assign roles');
});
