import { expect, test } from 'vitest';
import { ACTION_IDS } from '../../../src/core/ids.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

const MGMT = 'C0MGMT';
const MINUTE = 60_000;
/** A person in the channel with no role who stands in for nobody. */
const PASSER_BY = { id: 'UPASSER', name: 'pat', realName: 'Pat Doe', tz: 'Europe/Berlin' };

function escalationMessage(t: TestBot, channelId: string) {
  const message = t.fake.messages(channelId).find((m) => m.text.includes('Escalation #'));
  if (!message) throw new Error(`no escalation message in ${channelId}`);
  return message;
}

async function acknowledge(t: TestBot, userId: string, channelId: string, messageTs: string) {
  const before = t.fake.ephemerals({ userId }).length;
  await t.driver.clickButton({ userId, channelId, messageTs, actionId: ACTION_IDS.escalationAcknowledge });
  return t.fake.waitFor(() =>
    t.fake.ephemerals({ userId }).length > before ? t.fake.ephemerals({ userId }).at(-1) : undefined,
  );
}

test('a delegate acknowledges a level-1 escalation for the away holder, recorded and shown by/for; others are refused', async () => {
  const t = await startTestBot();
  t.fake.addUser(PASSER_BY);
  await createStaffedRelease(t);
  t.clock.set('2026-12-01T07:00:00Z');
  await t.command(CAST.tech.id, `away delegate:<@${CAST.outsider.id}>`);

  await t.command(CAST.qa.id, 'escalate The staging database is down');
  const level1 = escalationMessage(t, CHANNEL);
  // The delegate is asked along with the role holders.
  expect(level1.text).toContain(`<@${CAST.outsider.id}>`);

  const refused = await acknowledge(t, PASSER_BY.id, CHANNEL, level1.ts);
  expect(refused?.text).toContain('Only the people pinged at Level 1');
  expect(refused?.text).toContain('Nothing changed');

  const done = await acknowledge(t, CAST.outsider.id, CHANNEL, level1.ts);
  expect(done?.text).toContain(`You acknowledged escalation #1 for <@${CAST.tech.id}>`);
  await t.fake.waitFor(() => (t.fake.message(CHANNEL, level1.ts)?.text.startsWith('Acknowledged') ? true : undefined));
  expect(visibleText(t.fake.message(CHANNEL, level1.ts))).toContain(
    `*Acknowledged* by <@${CAST.outsider.id}> for <@${CAST.tech.id}>`,
  );
  const list = await t.command(CAST.rm.id, 'escalations');
  expect(list.visible).toContain(`held by <@${CAST.outsider.id}> for <@${CAST.tech.id}>`);

  const [stored] = await t.bot.deps.store.escalations.listForRelease(
    (await t.bot.deps.store.cadence.activeReleases())[0]?.id ?? -1,
  );
  expect(stored?.history[0]).toMatchObject({ acknowledgedBy: CAST.outsider.id, acknowledgedFor: CAST.tech.id });

  // Once the Tech Lead is back, the same person is no longer entitled.
  await t.command(CAST.tech.id, 'away off');
  await t.command(CAST.qa.id, 'escalate The queue is stuck');
  const second = t.fake.messages(CHANNEL).filter((m) => m.text.includes('Escalation #2'))[0];
  if (!second) throw new Error('no second escalation');
  expect(second.text).not.toContain(`<@${CAST.outsider.id}>`);
  const late = await acknowledge(t, CAST.outsider.id, CHANNEL, second.ts);
  expect(late?.text).toContain('Only the people pinged');
}, 30_000);

test("the RM's delegate acknowledges at level 2 for the RM, like the RM could", async () => {
  const t = await startTestBot();
  t.fake.addUser(PASSER_BY);
  await createStaffedRelease(t);
  await t.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}|eng-managers> ping:<@${PASSER_BY.id}>`);
  t.clock.set('2026-12-01T09:00:00Z'); // 10:00 Berlin: inside level 1's hours, so the climb is not paused
  await t.command(CAST.rm.id, `away delegate:<@${CAST.outsider.id}>`);
  await t.command(CAST.qa.id, 'escalate The staging database is down');
  t.clock.advance(31 * MINUTE);
  await t.tick();
  await t.tick();
  const level2 = escalationMessage(t, MGMT);
  const done = await acknowledge(t, CAST.outsider.id, MGMT, level2.ts);
  expect(done?.text).toContain(`for <@${CAST.rm.id}>`);
  await t.fake.waitFor(() => (t.fake.message(MGMT, level2.ts)?.text.startsWith('Acknowledged') ? true : undefined));
  expect(visibleText(t.fake.message(MGMT, level2.ts))).toContain(`by <@${CAST.outsider.id}> for <@${CAST.rm.id}>`);
}, 30_000);
