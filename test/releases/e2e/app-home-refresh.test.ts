import { expect, test } from 'vitest';
import { tickThroughSlack } from '../../helpers/checklist.ts';
import { createStaffedRelease, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { click, openPoll } from '../../polls/e2e/poll-driver.ts';
import type { FakeView } from '../../support/fake-slack/fake-slack.ts';

const PAGED = 'UPAGED';
const MGMT = 'C0MGMT';

async function opened(t: TestBot, userId: string): Promise<FakeView> {
  const before = t.fake.homeView(userId)?.hash;
  await t.driver.openHome(userId);
  return t.fake.waitFor(() => {
    const view = t.fake.homeView(userId);
    return view && view.hash !== before ? view : undefined;
  });
}

const shown = (t: TestBot, userId: string) => JSON.stringify(t.fake.homeView(userId)?.blocks ?? []);
const labels = (t: TestBot, userId: string) =>
  ((t.fake.homeView(userId)?.blocks ?? []) as Array<{ accessory?: { text: { text: string } } }>).flatMap((b) =>
    b.accessory ? [b.accessory.text.text] : [],
  );
const publishesTo = (t: TestBot, userId: string) =>
  t.fake.callsTo('views.publish').filter((c) => c.ok && c.params.user_id === userId).length;

/** Waits until a Home, never reopened, satisfies `ok`. */
function homeBecomes(t: TestBot, ok: () => boolean) {
  return t.fake.waitFor(() => (ok() ? true : undefined), { timeoutMs: 5000 });
}

test('a vote, a tick and an escalation change the Homes of those they concern, without reopening them', async () => {
  const t = await startTestBot();
  t.fake.addUser({ id: PAGED, name: 'pat', tz: 'Europe/Berlin' });
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  await opened(t, CAST.tech.id);
  await opened(t, CAST.qa.id);
  await opened(t, PAGED);
  expect(labels(t, CAST.tech.id)).toContain('Vote');
  expect(labels(t, CAST.qa.id)).toContain('Vote');
  expect(labels(t, CAST.qa.id).filter((l) => l === 'Tick…')).toHaveLength(2);
  expect(shown(t, PAGED)).not.toContain('You are paged');

  // The Tech Lead votes on the channel's poll message: their Home loses *Vote*; the QA Lead's keeps it.
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await homeBecomes(t, () => !labels(t, CAST.tech.id).includes('Vote'));
  expect(labels(t, CAST.qa.id)).toContain('Vote');

  // The QA Lead ticks an item from the channel's checklist: one *Tick…* fewer on their Home.
  await tickThroughSlack(t, CAST.qa.id, 'tests_passing');
  await homeBecomes(t, () => labels(t, CAST.qa.id).filter((l) => l === 'Tick…').length === 1);

  // An escalation that pages someone with no role shows on their Home.
  const level = await t.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}> ping:<@${PAGED}>`);
  expect(level.visible, level.visible).toContain('Level 2');
  const raised = await t.command(CAST.qa.id, 'escalate category:blocker Staging certificates expired');
  expect(raised.visible, raised.visible).toContain('is raised at *Level 2');
  await homeBecomes(t, () => shown(t, PAGED).includes('You are paged (1)'));
  expect(shown(t, PAGED)).toContain('Staging certificates expired');
  // The Release Manager acknowledges it on the management channel's copy: it leaves the paged person's Home.
  const copy = await t.fake.waitFor(() => t.fake.messages(MGMT).find((m) => m.text.includes('Escalation #1')));
  const clicked = await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: MGMT,
    messageTs: copy.ts,
    actionId: 'escalation_acknowledge',
  });
  expect(clicked.status).toBe(200);
  await homeBecomes(t, () => !shown(t, PAGED).includes('You are paged'));

  // Someone who never opened their Home is not published to.
  expect(publishesTo(t, CAST.devops.id)).toBe(0);
}, 60_000);

test('a burst of votes publishes each Home once, and a failed publish is logged, not fatal', async () => {
  // A long delay, flushed by hand: every vote of the burst is noted before the one publish.
  const t = await startTestBot({ homeRefreshDelayMs: 60_000 });
  await createStaffedRelease(t);
  const poll = await openPoll(t);
  await opened(t, CAST.rm.id);
  await opened(t, CAST.tech.id);
  const rmBefore = publishesTo(t, CAST.rm.id);
  const techBefore = publishesTo(t, CAST.tech.id);
  for (const [role, userId] of [
    ['tech_lead', CAST.tech.id],
    ['devops', CAST.devops.id],
    ['product_owner', CAST.po.id],
    ['qa_lead', CAST.qa.id],
  ] as const) {
    const clicked = await click(t, poll, userId, role, 'poll_vote_go');
    expect(clicked.status).toBe(200);
  }
  expect(publishesTo(t, CAST.rm.id)).toBe(rmBefore);
  await t.bot.homeRefresh.idle();
  expect(publishesTo(t, CAST.rm.id)).toBe(rmBefore + 1);
  expect(publishesTo(t, CAST.tech.id)).toBe(techBefore + 1);
  // Everyone has voted: the Release Manager's Home now offers *Decide*.
  expect(labels(t, CAST.rm.id)).toContain('Decide');

  // Slack refuses the next publish: the refresh is logged and the bot goes on.
  t.fake.failNext('views.publish', 'internal_error');
  await tickThroughSlack(t, CAST.rm.id, 'team_notified');
  await t.bot.homeRefresh.idle();
  expect(t.log.join('\n')).toContain('could not refresh the App Home');
  const status = await t.command(CAST.rm.id, 'status');
  expect(status.visible).toContain('2.4.0');
  expect(t.fake.messages(CHANNEL).length).toBeGreaterThan(0);
}, 60_000);
