import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const reviewMessage = (t: TestBot): FakeMessage | undefined =>
  t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Weekly risk review'));

/** The risk ids that still have a review button of `actionId` on the message. */
function buttonsOf(message: FakeMessage | undefined, actionId: string): string[] {
  const ids: string[] = [];
  for (const block of (message?.blocks ?? []) as Array<{ type: string; elements?: Array<Record<string, unknown>> }>) {
    if (block.type !== 'actions') continue;
    for (const e of block.elements ?? []) if (e.action_id === actionId) ids.push(String(e.value));
  }
  return ids;
}

async function startReview() {
  const t = await startTestBot(); // 2026-11-23 (a Monday) 09:00Z
  await createStaffedRelease(t);
  await t.command(CAST.tech.id, `risk add "Schema migration" severity:3 likelihood:4 owner:<@${CAST.tech.id}>`);
  await t.command(CAST.rm.id, `risk add "Vendor SLA" severity:5 likelihood:4 owner:<@${CAST.devops.id}>`);
  await t.command(CAST.rm.id, `risk add "Rollback script" severity:2 likelihood:2 owner:<@${CAST.devops.id}>`);
  // Monday 2026-11-30 10:00 Berlin = 09:00Z: the weekly review is posted
  t.clock.set('2026-11-30T09:00:00Z');
  await t.tick();
  const posted = reviewMessage(t);
  if (!posted) throw new Error('no review message');
  return { t, ts: posted.ts };
}

test('the weekly review message shows who reviewed which risk and what is left, updated in place', async () => {
  const { t, ts } = await startReview();
  const first = reviewMessage(t);
  expect(visibleText(first)).toContain('0 of 3 risks reviewed, 3 left');
  expect(buttonsOf(first, 'risk_still_valid').sort()).toEqual(['1', '2', '3']);

  // Two owners click at the same moment: neither review is lost from the message.
  t.clock.advance(5 * 60_000);
  await Promise.all([
    t.driver.clickButton({
      userId: CAST.tech.id,
      channelId: CHANNEL,
      messageTs: ts,
      actionId: 'risk_still_valid',
      value: '1',
    }),
    t.driver.clickButton({
      userId: CAST.devops.id,
      channelId: CHANNEL,
      messageTs: ts,
      actionId: 'risk_mitigated',
      value: '2',
    }),
  ]);
  await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.tech.id }).find((e) => e.text.includes('still valid')));
  await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.devops.id }).find((e) => e.text.includes('mitigated')));
  const shown = await t.fake.waitFor(() => {
    const m = reviewMessage(t);
    return m && visibleText(m).includes('2 of 3 risks reviewed, 1 left') ? m : undefined;
  });
  const text = visibleText(shown);
  expect(shown.ts).toBe(ts); // the same message, updated
  expect(t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Weekly risk review'))).toHaveLength(1);
  expect(text).toContain(`#1 Schema migration: still valid, by <@${CAST.tech.id}>`);
  expect(text).toContain(`#2 Vendor SLA: mitigated, by <@${CAST.devops.id}>`);
  expect(text).toContain(`<@${CAST.tech.id}>: all 1 reviewed`);
  expect(text).toContain(`<@${CAST.devops.id}>, please review the risks you own (1 of 2 done)`);
  // Only the risk left keeps its buttons.
  expect(buttonsOf(shown, 'risk_still_valid')).toEqual(['3']);
  expect(buttonsOf(shown, 'risk_mitigated')).toEqual(['3']);
  expect(buttonsOf(shown, 'risk_update')).toEqual(['3']);

  // The last one reviewed: no review button is left.
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    messageTs: ts,
    actionId: 'risk_still_valid',
    value: '3',
  });
  const done = await t.fake.waitFor(() => {
    const m = reviewMessage(t);
    return m && visibleText(m).includes('All 3 risks are reviewed') ? m : undefined;
  });
  expect(buttonsOf(done, 'risk_still_valid')).toEqual([]);
  expect(buttonsOf(done, 'risk_mitigated')).toEqual([]);
  expect(buttonsOf(done, 'risk_update')).toEqual([]);
  expect(visibleText(done)).toContain(`#3 Rollback script: still valid, by <@${CAST.devops.id}>`);
});

test('a weekly note added replaces its button with who added it', async () => {
  const { t, ts } = await startReview();
  expect(visibleText(reviewMessage(t))).toContain('Add progress note');
  await t.driver.clickButton({ userId: CAST.rm.id, channelId: CHANNEL, messageTs: ts, actionId: 'weekly_note' });
  const noteView = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(noteView.id),
    values: { weekly_note: { value: 'On track for QA' } },
  });
  const shown = await t.fake.waitFor(() => {
    const m = reviewMessage(t);
    return m && visibleText(m).includes('Progress note added by') ? m : undefined;
  });
  expect(visibleText(shown)).toContain(`Progress note added by <@${CAST.rm.id}>`);
  expect(visibleText(shown)).not.toContain('Add progress note');
  expect(visibleText(shown)).toContain('Add feature status');
});
