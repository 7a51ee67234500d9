import { expect, test, vi } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { createStaffedRelease, OTHER_CHANNEL, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

// Each test drives the real bot through many signed requests: generous on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const MGMT = 'C0MGMT';
const EXEC = 'C0EXEC';
const OPS = 'C0OPS';
const ADMIN = 'UADMIN';
/** In the managers' user group, and holds no role in any release. */
const PAGED = 'UPAGED';
const MINUTE = 60_000;

async function pagerBot(now?: string) {
  const t = await startTestBot(now ? { now } : {});
  t.fake.addUser({ id: ADMIN, name: 'ada', isAdmin: true, tz: 'Europe/Berlin' });
  t.fake.addUser({ id: PAGED, name: 'pat', tz: 'Europe/Berlin' });
  t.fake.addChannel({ id: OPS, name: 'release-ops' });
  t.fake.addUsergroup('S0MGRS', 'managers', [PAGED]);
  return t;
}

function escalationPosts(t: TestBot, channelId: string): FakeMessage[] {
  return t.fake.messages(channelId).filter((m) => m.text.includes('Escalation #'));
}

function hasButton(message: FakeMessage | undefined, actionId: string): boolean {
  return JSON.stringify(message?.blocks ?? []).includes(`"action_id":"${actionId}"`);
}

async function workspaceLevel(t: TestBot, level: 2 | 3, channelId: string, ping: string, extra = '') {
  const set = await t.command(
    ADMIN,
    `escalation level:${level} channel:<#${channelId}> ping:${ping} ${extra} scope:workspace`,
  );
  expect(set.visible).toContain('workspace default');
}

async function click(t: TestBot, userId: string, channelId: string, ts: string, actionId: string) {
  return t.driver.clickButton({ userId, channelId, messageTs: ts, actionId });
}

test('an admin sets a workspace default that a fresh release reaches; a non-admin Release Manager is refused', async () => {
  const t = await pagerBot();
  await createStaffedRelease(t);
  const refused = await t.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}> ping:<@${PAGED}> scope:workspace`);
  expect(refused.visible).toContain('Only a workspace admin or owner');
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  // A release created after the default was set reaches it without any setup of its own.
  const created = await t.command(
    CAST.rm.id,
    'create 3.0.0 target:2026-12-20 window:2026-12-01..2026-12-22',
    OTHER_CHANNEL,
  );
  // The announcement says plainly what the new release cannot reach, and where to fix it.
  expect(created.visible).toContain('Level 3 (Executive) is not set up for this release');
  expect(created.visible).not.toContain('Level 2 (Management) and');
  expect(created.visible).toContain('Set it up with `/release escalation` (a form opens)');
  const raised = await t.command(CAST.qa.id, 'escalate category:blocker Payments sandbox is down', OTHER_CHANNEL);
  expect(raised.visible).toContain('*Level 2 (Management)*');
  const posts = escalationPosts(t, MGMT);
  expect(posts).toHaveLength(1);
  expect(posts[0]?.text).toContain('<!subteam^S0MGRS>');
  expect(posts[0]?.text).toContain('3.0.0');
});

test("a release override by its Release Manager leaves other releases on the workspace's levels", async () => {
  const t = await pagerBot();
  await createStaffedRelease(t);
  await t.command(CAST.po.id, 'create 3.0.0 target:2026-12-20 window:2026-12-01..2026-12-22', OTHER_CHANNEL);
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  const notRm = await t.command(CAST.qa.id, `escalation level:2 channel:<#${OPS}> ping:<@${CAST.tech.id}>`);
  expect(notRm.visible).toContain('Only the Release Manager of 2.4.0');
  const set = await t.command(CAST.rm.id, `escalation level:2 channel:<#${OPS}> ping:<@${CAST.tech.id}>`);
  expect(set.visible).toContain(`now posts in <#${OPS}> for`);
  expect(set.visible).toContain('2.4.0');
  await t.command(CAST.qa.id, 'escalate category:blocker QA is blocked on staging');
  await t.command(CAST.qa.id, 'escalate category:blocker The other release is blocked', OTHER_CHANNEL);
  expect(escalationPosts(t, OPS).map((m) => m.text)).toEqual([expect.stringContaining('QA is blocked on staging')]);
  expect(escalationPosts(t, MGMT).map((m) => m.text)).toEqual([
    expect.stringContaining('The other release is blocked'),
  ]);
  // `/release escalation` answers where each level of this release comes from.
  const levels = await t.command(CAST.rm.id, 'escalation');
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[0]);
  expect(levels.reply).toBeUndefined();
  const shown = JSON.stringify(modal);
  expect(shown).toContain(`<#${OPS}>`);
  expect(shown).toContain('_from: this release_');
  expect(shown).not.toContain('Every release (workspace default)');
  // The form sets a level for this release, in a channel the bot is not in yet: it joins it, as the command does.
  t.fake.removeFromChannel(EXEC, t.fake.botUserId);
  const saved = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: modal.id as string,
    values: {
      [BLOCK_IDS.escalationLevel]: { [INPUT_ACTION_ID]: '3' },
      [BLOCK_IDS.escalationChannel]: { [INPUT_ACTION_ID]: EXEC },
      [BLOCK_IDS.escalationPings]: { [INPUT_ACTION_ID]: [CAST.outsider.id] },
      [BLOCK_IDS.escalationAck]: { [INPUT_ACTION_ID]: '5m' },
    },
  });
  expect(JSON.stringify(saved.ack ?? '')).not.toContain('errors');
  const told = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.rm.id }).find((e) => e.text.includes(`now posts in <#${EXEC}> for 2.4.0`)),
  );
  // The form's confirmation says all that was set, as the command's does: whom it pings and when it climbs.
  expect(told.text).toContain(`pings <@${CAST.outsider.id}>`);
  expect(told.text).toContain('after 5m without an acknowledgement');
  await t.command(CAST.qa.id, 'escalate category:data-loss Orders table truncated');
  expect(escalationPosts(t, EXEC).map((m) => m.text)).toEqual([expect.stringContaining(`<@${CAST.outsider.id}>`)]);
  // An admin's form also offers the workspace scope.
  await t.command(ADMIN, 'escalation');
  const adminForm = await t.fake.waitFor(() => t.fake.openViews(ADMIN)[0]);
  expect(JSON.stringify(adminForm)).toContain('Every release (workspace default)');
});

test('a security escalation with no level 3 set up is posted at level 2, the RM is told, and it stays level 3', async () => {
  const t = await pagerBot();
  await createStaffedRelease(t);
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  const status = await t.command(CAST.po.id, 'status');
  expect(status.visible).toContain('Level 3 (Executive) is not set up for this release');
  expect(status.visible).toContain('Set it up with `/release escalation` (a form opens)');
  const raised = await t.command(CAST.qa.id, 'escalate category:security Leaked credentials in the build logs');
  expect(raised.visible).toContain('*Level 3 (Executive)*');
  const [post] = escalationPosts(t, MGMT);
  expect(post?.text).toMatch(/^Level 3 \(Executive\) is not set up: posted to <#C0MGMT> instead/);
  expect(JSON.stringify(post?.blocks[0])).toContain('Level 3 (Executive) is not set up: posted to <#C0MGMT> instead');
  // The release channel gets only the notice, which names the true level.
  const notices = escalationPosts(t, CHANNEL);
  expect(notices).toHaveLength(1);
  expect(notices[0]?.text).toContain('raised by <@UQA> at Level 3 (Executive)');
  const dm = await t.fake.waitFor(() => t.fake.messages(t.fake.dmChannelId(CAST.rm.id))[0]);
  expect(dm.text).toContain('Level 3 (Executive) is not set up');
  expect(JSON.stringify(dm.blocks)).toContain('/release escalation level:3');
  const list = await t.command(CAST.rm.id, 'escalations');
  expect(list.visible).toContain('*#1* Level 3 (Executive)');
  expect(list.visible).not.toContain('Level 1 (Team)');
  // At the highest configured level it keeps pinging, in the thread: it never stops silently.
  t.clock.advance(11 * MINUTE);
  await t.tick();
  expect(escalationPosts(t, MGMT)).toHaveLength(1);
  expect(t.fake.thread(MGMT, post?.ts as string).filter((m) => m.ts !== post?.ts)).toHaveLength(1);
});

test('an outsider cannot acknowledge or resolve; a member of the pinged group can', async () => {
  const t = await pagerBot();
  await createStaffedRelease(t);
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  await t.command(CAST.qa.id, 'escalate category:blocker The release branch does not build');
  const [post] = escalationPosts(t, MGMT);
  const ts = post?.ts as string;
  await click(t, CAST.outsider.id, MGMT, ts, ACTION_IDS.escalationAcknowledge);
  const refusal = await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.outsider.id })[0]);
  expect(refusal.text).toContain('Only the people pinged at Level 2 (Management) (<!subteam^S0MGRS>)');
  expect(refusal.text).toContain('the Release Manager (<@URM>)');
  await click(t, CAST.outsider.id, MGMT, ts, ACTION_IDS.escalationResolve);
  await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.outsider.id })[1]);
  expect(t.fake.ephemerals({ userId: CAST.outsider.id })[1]?.text).toContain('can resolve escalation #1');
  expect(t.fake.openViews(CAST.outsider.id)).toEqual([]);
  expect(t.fake.message(MGMT, ts)?.updates).toBe(0);
  // The climb was not stopped by the outsider's click.
  expect(hasButton(t.fake.message(MGMT, ts), ACTION_IDS.escalationAcknowledge)).toBe(true);

  await click(t, PAGED, MGMT, ts, ACTION_IDS.escalationAcknowledge);
  await t.fake.waitFor(() => t.fake.message(MGMT, ts)?.text.startsWith('Acknowledged'));
  await click(t, PAGED, MGMT, ts, ACTION_IDS.escalationResolve);
  expect(await t.fake.waitFor(() => t.fake.openViews(PAGED)[0])).toBeDefined();
});

test('a double click on Escalate climbs once, and so does a timer racing a click', async () => {
  const t = await pagerBot();
  await createStaffedRelease(t);
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  await workspaceLevel(t, 3, EXEC, `<@${CAST.outsider.id}>`);
  await t.command(CAST.qa.id, 'escalate Flaky deploys');
  const [level1] = escalationPosts(t, CHANNEL);
  const ts = level1?.ts as string;
  await Promise.all([
    click(t, CAST.rm.id, CHANNEL, ts, ACTION_IDS.escalationEscalate),
    click(t, CAST.rm.id, CHANNEL, ts, ACTION_IDS.escalationEscalate),
  ]);
  await t.fake.waitFor(() => escalationPosts(t, MGMT)[0]);
  await t.fake.waitFor(
    () => t.fake.ephemerals({ userId: CAST.rm.id }).some((e) => e.text.includes('already moved on')),
    { timeoutMs: 20_000 },
  );
  expect(escalationPosts(t, MGMT)).toHaveLength(1);
  expect(escalationPosts(t, EXEC)).toHaveLength(0);

  // The level-2 step is due; its timer and a click on Escalate arrive together: one climb to level 3.
  const [level2] = escalationPosts(t, MGMT);
  t.clock.advance(16 * MINUTE);
  await Promise.all([t.tick(), click(t, PAGED, MGMT, level2?.ts as string, ACTION_IDS.escalationEscalate)]);
  await t.fake.waitFor(() => escalationPosts(t, EXEC)[0]);
  await t.tick();
  expect(escalationPosts(t, EXEC)).toHaveLength(1);
  const list = await t.command(CAST.rm.id, 'escalations');
  expect(list.visible).toContain('*#1* Level 3 (Executive)');
  // The lower copies point up to the live message and lose their buttons.
  for (const [channel, message] of [
    [CHANNEL, level1],
    [MGMT, level2],
  ] as const) {
    const now = await t.fake.waitFor(() => {
      const m = t.fake.message(channel, message?.ts as string);
      return m?.text.startsWith('Escalation #1 escalated to Level 3 (Executive)') ? m : undefined;
    });
    expect(JSON.stringify(now.blocks)).toContain('/archives/C0EXEC/p');
    expect(hasButton(now, ACTION_IDS.escalationAcknowledge)).toBe(false);
    expect(hasButton(now, ACTION_IDS.escalationEscalate)).toBe(false);
  }
});

test('quiet hours pause a level-2 climb overnight, but never an outage', async () => {
  // Monday 22:00 in Berlin, the release's time zone (its creator's).
  const t = await pagerBot('2026-11-23T21:00:00Z');
  await createStaffedRelease(t);
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  await workspaceLevel(t, 3, EXEC, `<@${CAST.outsider.id}>`);
  await t.command(CAST.qa.id, 'escalate category:blocker The nightly build is red');
  const [blocker] = escalationPosts(t, MGMT);
  expect(JSON.stringify(blocker?.blocks)).toContain('paused until 09:00 (Tue 24 Nov, Europe/Berlin)');
  await t.command(CAST.qa.id, 'escalate level:2 category:outage Checkout is down for customers');
  const outage = escalationPosts(t, MGMT)[1];
  expect(JSON.stringify(outage?.blocks)).not.toContain('paused until');

  t.clock.advance(16 * MINUTE);
  await t.tick();
  await t.tick();
  const exec = escalationPosts(t, EXEC);
  expect(exec).toHaveLength(1);
  expect(exec[0]?.text).toContain('Checkout is down');

  // Overnight nothing climbs; 15 minutes into Tuesday's hours the blocker reaches level 3.
  for (let hour = 0; hour < 10; hour += 1) {
    t.clock.advance(60 * MINUTE);
    await t.tick();
  }
  expect(escalationPosts(t, EXEC).filter((m) => m.text.includes('nightly build'))).toHaveLength(0);
  t.clock.set('2026-11-24T08:14:00Z');
  await t.tick();
  expect(escalationPosts(t, EXEC).filter((m) => m.text.includes('nightly build'))).toHaveLength(0);
  t.clock.set('2026-11-24T08:16:00Z');
  await t.tick();
  await t.tick();
  expect(escalationPosts(t, EXEC).filter((m) => m.text.includes('nightly build'))).toHaveLength(1);
});

test('a paged person with no role sees the escalation on their App Home and acknowledges it there', async () => {
  const t = await pagerBot();
  await createStaffedRelease(t);
  await workspaceLevel(t, 2, MGMT, '<!subteam^S0MGRS|@managers>');
  await t.command(CAST.qa.id, 'escalate category:blocker Staging certificates expired');
  // The Release Manager's App Home says which level the release cannot reach.
  await t.driver.openHome(CAST.rm.id);
  expect(JSON.stringify(await t.fake.waitFor(() => t.fake.homeView(CAST.rm.id)))).toContain(
    'Level 3 (Executive) is not set up for this release',
  );
  await t.driver.openHome(PAGED);
  const home = await t.fake.waitFor(() => t.fake.homeView(PAGED));
  const shown = JSON.stringify(home);
  expect(shown).toContain('You are paged (1)');
  expect(shown).toContain('Staging certificates expired');
  expect(shown).toContain(ACTION_IDS.escalationAcknowledge);
  expect(shown).toContain(ACTION_IDS.escalationResolve);
  // Someone not paged sees nothing of it.
  await t.driver.openHome(CAST.outsider.id);
  expect(JSON.stringify(await t.fake.waitFor(() => t.fake.homeView(CAST.outsider.id)))).not.toContain('You are paged');

  await t.driver.clickInView({
    userId: PAGED,
    viewId: home.id as string,
    actionId: ACTION_IDS.escalationAcknowledge,
  });
  const [post] = escalationPosts(t, MGMT);
  await t.fake.waitFor(() => t.fake.message(MGMT, post?.ts as string)?.text.startsWith('Acknowledged'));
  const after = await t.fake.waitFor(() => {
    const view = JSON.stringify(t.fake.homeView(PAGED));
    return view.includes('You acknowledged escalation #1') ? view : undefined;
  });
  expect(after).not.toContain('You are paged');
});
