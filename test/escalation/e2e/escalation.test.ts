import { expect, test } from 'vitest';
import { createReleaseBot } from '../../../src/bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { createLogger } from '../../../src/logger.ts';
import { createStaffedRelease, SIGNING_SECRET, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';
import { actionTs, messageBlockActions } from '../../support/fake-slack/payloads.ts';

const MGMT = 'C0MGMT';
const EXEC = 'C0EXEC';
const MINUTE = 60_000;

/** The managers' user group: the Tech Lead and a person with no role in the release. */
async function configureLevels(t: TestBot) {
  t.fake.addUsergroup('S0MGRS', 'managers', [CAST.tech.id, CAST.outsider.id]);
  const two = await t.command(
    CAST.rm.id,
    `escalation level:2 channel:<#${MGMT}|eng-managers> ping:<!subteam^S0MGRS|@managers>`,
  );
  expect(two.visible).toContain('now posts in <#C0MGMT>');
  const three = await t.command(
    CAST.rm.id,
    `escalation level:3 channel:<#${EXEC}|executives> ping:<@${CAST.outsider.id}>`,
  );
  expect(three.visible).toContain('now posts in <#C0EXEC>');
}

function escalationMessages(t: TestBot, channelId: string): FakeMessage[] {
  return t.fake.messages(channelId).filter((m) => m.text.includes('Escalation #'));
}

function hasButton(message: FakeMessage | undefined, actionId: string): boolean {
  return JSON.stringify(message?.blocks ?? []).includes(`"action_id":"${actionId}"`);
}

async function raise(t: TestBot, text: string) {
  const reply = await t.command(CAST.qa.id, `escalate ${text}`);
  expect(reply.reply?.response_type).toBe('ephemeral');
  return reply;
}

test('an unacknowledged escalation climbs to level 2 once, on time; an acknowledgement stops it', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  const raised = await raise(t, 'The staging database is down');
  expect(raised.visible).toContain('raised at *Level 1 (Team)*');

  const level1 = escalationMessages(t, CHANNEL);
  expect(level1).toHaveLength(1);
  expect(level1[0]?.text).toContain(`<@${CAST.rm.id}>`);
  expect(hasButton(level1[0], ACTION_IDS.escalationAcknowledge)).toBe(true);
  expect(hasButton(level1[0], ACTION_IDS.escalationEscalate)).toBe(true);
  expect(hasButton(level1[0], ACTION_IDS.escalationResolve)).toBe(true);

  t.clock.advance(29 * MINUTE);
  await t.tick();
  expect(escalationMessages(t, MGMT)).toHaveLength(0);

  t.clock.advance(2 * MINUTE);
  await t.tick();
  await t.tick();
  const level2 = escalationMessages(t, MGMT);
  expect(level2).toHaveLength(1);
  expect(level2[0]?.text).toContain('<!subteam^S0MGRS>');
  expect(JSON.stringify(level2[0]?.blocks)).toContain('escalated: nobody acknowledged in time');
  expect(JSON.stringify(level2[0]?.blocks)).toContain('Level 1');

  await t.driver.clickButton({
    userId: CAST.outsider.id,
    channelId: MGMT,
    messageTs: level2[0]?.ts as string,
    actionId: ACTION_IDS.escalationAcknowledge,
  });
  await t.fake.waitFor(() => t.fake.message(MGMT, level2[0]?.ts as string)?.text.startsWith('Acknowledged'));
  expect(hasButton(t.fake.message(MGMT, level2[0]?.ts as string), ACTION_IDS.escalationAcknowledge)).toBe(false);
  expect(JSON.stringify(t.fake.message(CHANNEL, level1[0]?.ts as string)?.blocks)).toContain(
    `Acknowledged* by <@${CAST.outsider.id}>`,
  );

  for (let i = 0; i < 4; i += 1) {
    t.clock.advance(30 * MINUTE);
    await t.tick();
  }
  expect(escalationMessages(t, EXEC)).toHaveLength(0);
  expect(escalationMessages(t, MGMT)).toHaveLength(1);
  const list = await t.command(CAST.rm.id, 'escalations');
  expect(list.visible).toContain(`held by <@${CAST.outsider.id}>`);
});

test('level 3 pings again every acknowledgement period until someone acknowledges', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  const raised = await raise(t, 'category:security Leaked credentials in the build logs');
  expect(raised.visible).toContain('*Level 3 (Executive)*');
  expect(escalationMessages(t, EXEC)).toHaveLength(1);
  const notice = t.fake.messages(CHANNEL).find((m) => m.text.includes('raised by'));
  expect(JSON.stringify(notice?.blocks)).toContain('https://');
  expect(JSON.stringify(notice?.blocks)).toContain('/archives/C0EXEC/p');

  // A re-ping is a threaded reply under the one live message, mentioning the pinged again: no new top-level copy.
  t.clock.advance(10 * MINUTE);
  await t.tick();
  expect(escalationMessages(t, EXEC)).toHaveLength(1);
  t.clock.advance(10 * MINUTE);
  await t.tick();
  await t.tick();
  const posts = escalationMessages(t, EXEC);
  expect(posts).toHaveLength(1);
  const replies = t.fake.thread(EXEC, posts[0]?.ts as string).filter((m) => m.ts !== posts[0]?.ts);
  expect(replies).toHaveLength(2);
  expect(replies[1]?.text).toContain(`<@${CAST.outsider.id}>`);
  expect(replies[1]?.text).toContain('still not acknowledged');
  posts.push(posts[0] as FakeMessage, posts[0] as FakeMessage);

  await t.driver.clickButton({
    userId: CAST.outsider.id,
    channelId: EXEC,
    messageTs: posts[0]?.ts as string,
    actionId: ACTION_IDS.escalationAcknowledge,
  });
  await t.fake.waitFor(() => t.fake.message(EXEC, posts[2]?.ts as string)?.text.startsWith('Acknowledged'));
  t.clock.advance(60 * MINUTE);
  await t.tick();
  expect(escalationMessages(t, EXEC)).toHaveLength(1);
  expect(t.fake.thread(EXEC, posts[0]?.ts as string).filter((m) => m.ts !== posts[0]?.ts)).toHaveLength(2);
});

test('a restart between the raise and the due time still escalates, once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  await raise(t, 'Nobody can log in to staging');
  await t.restart();
  t.clock.advance(31 * MINUTE);
  await t.tick();
  await t.tick();
  expect(escalationMessages(t, MGMT)).toHaveLength(1);
});

test('two bots on one database post the escalation step once', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  await raise(t, 'The release branch does not build');
  const second = await createReleaseBot({
    config: parseConfig({
      SLACK_BOT_TOKEN: t.fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: t.fake.apiUrl,
      PORT: '0',
      DATABASE_PATH: t.databasePath,
      LOG_LEVEL: 'error',
    }),
    clock: t.clock,
    logger: createLogger('error', () => undefined),
    instanceId: 'second',
    schedule: false,
  });
  try {
    t.clock.advance(31 * MINUTE);
    await Promise.all([t.tick(), second.tick(), t.tick(), second.tick()]);
    expect(escalationMessages(t, MGMT)).toHaveLength(1);
  } finally {
    await second.stop();
  }
});

test('resolve needs a note and closes the escalation everywhere; later clicks change nothing', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  await raise(t, 'Payments are timing out');
  const level1 = escalationMessages(t, CHANNEL)[0] as FakeMessage;
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: level1.ts,
    actionId: ACTION_IDS.escalationEscalate,
  });
  const level2 = await t.fake.waitFor(() => escalationMessages(t, MGMT)[0]);
  expect(JSON.stringify(level2.blocks)).toContain(`escalated by <@${CAST.rm.id}>`);
  const stale = structuredClone(t.fake.message(MGMT, level2.ts) as FakeMessage);

  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: MGMT,
    messageTs: level2.ts,
    actionId: ACTION_IDS.escalationResolve,
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id)[0]);
  const empty = await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: modal.id as string,
    values: { [BLOCK_IDS.escalationResolution]: { [INPUT_ACTION_ID]: '   ' } },
  });
  expect(JSON.stringify(empty.ack)).toContain('errors');
  await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: modal.id as string,
    values: { [BLOCK_IDS.escalationResolution]: { [INPUT_ACTION_ID]: 'Failed over to the replica' } },
  });
  await t.fake.waitFor(() => t.fake.message(MGMT, level2.ts)?.text.startsWith('Resolved'));
  for (const [channel, ts] of [
    [CHANNEL, level1.ts],
    [MGMT, level2.ts],
  ] as const) {
    const message = t.fake.message(channel, ts);
    expect(JSON.stringify(message?.blocks)).toContain('Failed over to the replica');
    expect(hasButton(message, ACTION_IDS.escalationAcknowledge)).toBe(false);
    expect(hasButton(message, ACTION_IDS.escalationResolve)).toBe(false);
  }

  // A client that still shows the old message (the update raced the click): answered ephemerally, nothing changes.
  const updatesBefore = t.fake.message(MGMT, level2.ts)?.updates;
  await t.driver.sendInteraction(
    messageBlockActions(t.fake, {
      userId: CAST.devops.id,
      source: { kind: 'message', message: stale },
      action: {
        type: 'button',
        action_id: ACTION_IDS.escalationAcknowledge,
        block_id: BLOCK_IDS.escalationActions,
        value: JSON.stringify(stale.blocks).match(/"value":"([\d:]+)"/)?.[1] as string,
        action_ts: actionTs(),
        text: { type: 'plain_text', text: 'Acknowledge' },
      },
      state: { values: {} },
      responseUrl: t.fake.newResponseUrl({ channelId: MGMT, userId: CAST.devops.id, messageTs: level2.ts }),
      triggerId: t.fake.newTriggerId(CAST.devops.id),
    }),
  );
  const ephemeral = await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.devops.id })[0]);
  expect(ephemeral.text).toContain('already resolved by');
  expect(t.fake.message(MGMT, level2.ts)?.updates).toBe(updatesBefore);
  t.clock.advance(2 * 60 * MINUTE);
  await t.tick();
  expect(escalationMessages(t, EXEC)).toHaveLength(0);
});

test('a summary with <!channel>, <!here> or a forged link pings nobody and links nowhere', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  await raise(t, 'category:blocker <!channel> <!here> look at <https://evil.example|the docs> @everyone');
  const posted = [...escalationMessages(t, MGMT), ...t.fake.messages(CHANNEL).filter((m) => m.text.includes('#'))];
  expect(posted.length).toBeGreaterThanOrEqual(2);
  for (const message of posted) {
    const all = `${message.text}\n${JSON.stringify(message.blocks)}`;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<https://evil.example');
    expect(all).toContain('&lt;!channel&gt;');
  }
});

test('raising at an unconfigured level names the command to run and posts at level 1, recorded at level 2', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const raised = await raise(t, 'category:delay The vendor slipped a week');
  expect(raised.visible).toContain('Level 2 (Management) is not set up');
  expect(raised.visible).toContain('/release escalation level:2 channel:#');
  const level1 = escalationMessages(t, CHANNEL);
  expect(level1).toHaveLength(1);
  expect(level1[0]?.text).toMatch(/^Level 2 \(Management\) is not set up: posted to <#C0RELEASE> instead/);
  expect(JSON.stringify(level1[0]?.blocks)).toContain('/release escalation level:2 channel:#');
});

test('bad input gets a specific answer; only a Release Manager configures levels', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  expect((await t.command(CAST.qa.id, 'escalate category:fire Smoke')).visible).toContain('`fire` is not a category');
  expect((await t.command(CAST.qa.id, 'escalate level:4 Smoke')).visible).toContain('`4` is not a level');
  expect((await t.command(CAST.qa.id, 'escalate level:2')).visible).toContain('Say what the escalation is about');
  const denied = await t.command(CAST.qa.id, `escalation level:2 channel:<#${MGMT}>`);
  expect(denied.visible).toContain('Only the Release Manager of 2.4.0 (<@URM>)');
  expect((await t.command(CAST.rm.id, 'escalation level:2 channel:mgmt')).visible).toContain('is not a channel');
  expect((await t.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}> ack:soon`)).visible).toContain(
    '`soon` is not a duration',
  );
  await t.command(CAST.qa.id, 'escalation');
  const shown = await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id)[0]);
  expect(JSON.stringify(shown)).toContain('_not set up_');
  expect(t.fake.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.params).includes('Escalation #'))).toEqual(
    [],
  );
});

test('the modal raises an escalation; status and the App Home show it', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await configureLevels(t);
  await t.command(CAST.qa.id, 'escalate');
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id)[0]);
  await t.driver.submitView({
    userId: CAST.qa.id,
    viewId: modal.id as string,
    values: {
      [BLOCK_IDS.escalationCategory]: { [INPUT_ACTION_ID]: 'minor' },
      [BLOCK_IDS.escalationSummary]: { [INPUT_ACTION_ID]: 'Flaky end-to-end test' },
    },
  });
  await t.fake.waitFor(() => escalationMessages(t, CHANNEL)[0]);
  const status = await t.command(CAST.po.id, 'status');
  expect(status.visible).toContain('*Escalations* (1 open)');
  expect(status.visible).toContain('Flaky end-to-end test');
  await t.driver.openHome(CAST.devops.id);
  const home = await t.fake.waitFor(() => t.fake.homeView(CAST.devops.id));
  expect(JSON.stringify(home)).toContain('Acknowledge escalation #1 (Level 1 (Team))');
});
