import { expect, test } from 'vitest';
import { ALICE, CHANNEL, setup, voteButtons } from './bolt-app-setup.ts';

test('a signed slash command reaches the listener and respond() lands as an ephemeral', async () => {
  const seen: Record<string, string>[] = [];
  const { fake, driver } = await setup((app) => {
    app.command('/release', async ({ ack, command, respond }) => {
      await ack();
      seen.push({ ...command });
      await respond(`Status of ${command.text}`);
    });
  });
  const response = await driver.command({ userId: ALICE, channelId: CHANNEL, text: 'status 1.2' });
  expect(response.status).toBe(200);
  const [ephemeral] = await fake.waitFor(() => fake.ephemerals({ userId: ALICE }).length > 0 && fake.ephemerals());
  expect(ephemeral).toMatchObject({ channel: CHANNEL, text: 'Status of status 1.2', source: 'response_url' });
  expect(seen[0]).toMatchObject({
    command: '/release',
    text: 'status 1.2',
    user_id: ALICE,
    user_name: 'alice',
    channel_id: CHANNEL,
    channel_name: 'releases',
    team_id: 'T0TEAM',
    response_url: response.responseUrl,
    trigger_id: response.triggerId,
    api_app_id: fake.appId,
    is_enterprise_install: 'false',
  });
});

test('Bolt called auth.test on the fake to learn its bot identity', async () => {
  const { fake, driver } = await setup((app) => {
    app.command('/release', async ({ ack }) => ack());
  });
  await driver.command({ userId: ALICE, channelId: CHANNEL });
  expect(fake.callsTo('auth.test')[0]).toMatchObject({ ok: true, status: 200 });
});

test('a wrong signature and a stale timestamp are answered 401 and reach no listener', async () => {
  let calls = 0;
  const { driver } = await setup((app) => {
    app.command('/release', async ({ ack }) => {
      calls += 1;
      await ack();
    });
  });
  const body = new URLSearchParams({ command: '/release', text: '', user_id: ALICE, channel_id: CHANNEL }).toString();
  const contentType = 'application/x-www-form-urlencoded';
  expect((await driver.sendRaw({ body, contentType, signature: 'v0=deadbeef' })).status).toBe(401);
  const stale = Math.floor(Date.now() / 1000) - 301;
  expect((await driver.sendRaw({ body, contentType, timestamp: stale })).status).toBe(401);
  expect((await driver.sendRaw({ body, contentType, signature: null })).status).toBe(401);
  expect(calls).toBe(0);
  expect((await driver.sendRaw({ body, contentType })).status).toBe(200);
  expect(calls).toBe(1);
});

test('a form body with a charset suffix is a 400 in Bolt, which is why the driver never sends one', async () => {
  const { driver } = await setup((app) => {
    app.command('/release', async ({ ack }) => ack());
  });
  const body = new URLSearchParams({ command: '/release', text: '' }).toString();
  const response = await driver.sendRaw({ body, contentType: 'application/x-www-form-urlencoded; charset=utf-8' });
  expect(response.status).toBe(400);
});

test('clicking a button sends a full block_actions payload; respond() can replace the message', async () => {
  const bodies: unknown[] = [];
  const { fake, app, driver } = await setup((a) => {
    a.action(/^vote:/, async ({ ack, body, respond }) => {
      await ack();
      bodies.push(body);
      await respond({ replace_original: true, text: 'Vote recorded' });
    });
  });
  const posted = await app.client.chat.postMessage({ channel: CHANNEL, text: 'Go/no-go?', blocks: voteButtons });
  const ts = String(posted.ts);
  const click = await driver.clickButton({
    userId: ALICE,
    channelId: CHANNEL,
    messageTs: ts,
    actionId: 'vote:no_go',
    value: 'no_go',
  });
  expect(click.status).toBe(200);
  await fake.waitFor(() => fake.message(CHANNEL, ts)?.text === 'Vote recorded');
  expect(fake.message(CHANNEL, ts)?.blocks).toEqual([]);
  expect(bodies[0]).toMatchObject({
    type: 'block_actions',
    user: { id: ALICE, name: 'alice', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM' },
    channel: { id: CHANNEL, name: 'releases' },
    container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
    message: { ts, user: 'UBOT', bot_id: 'BBOT', blocks: [{ block_id: 'vote' }] },
    response_url: click.responseUrl,
    trigger_id: click.triggerId,
    actions: [{ action_id: 'vote:no_go', block_id: 'vote', type: 'button', value: 'no_go', text: { text: 'No go' } }],
  });
});

test('a button that is not on the message cannot be clicked', async () => {
  const { fake, app, driver } = await setup(() => undefined);
  const posted = await app.client.chat.postMessage({ channel: CHANNEL, text: 'Go/no-go?', blocks: voteButtons });
  const ts = String(posted.ts);
  await expect(
    driver.clickButton({ userId: ALICE, channelId: CHANNEL, messageTs: ts, actionId: 'close_poll' }),
  ).rejects.toThrow(/no button with action_id "close_poll".*on screen: button#vote:go=go, button#vote:no_go=no_go/);
  await expect(
    driver.clickButton({ userId: ALICE, channelId: CHANNEL, messageTs: ts, actionId: 'vote:go', value: 'maybe' }),
  ).rejects.toThrow(/and value "maybe"/);
  await app.client.chat.update({ channel: CHANNEL, ts, text: 'Closed', blocks: [] });
  await expect(
    driver.clickButton({ userId: ALICE, channelId: CHANNEL, messageTs: ts, actionId: 'vote:go', value: 'go' }),
  ).rejects.toThrow(/no interactive elements/);
  await expect(
    driver.clickButton({ userId: 'UBOB', channelId: CHANNEL, messageTs: ts, actionId: 'vote:go' }),
  ).rejects.toThrow(/UBOB is not in CREL/);
  expect(fake.responseUrlPosts).toEqual([]);
});

test('a button on an ephemeral: no message in the payload, respond() replaces the ephemeral', async () => {
  const bodies: Record<string, unknown>[] = [];
  const { fake, app, driver } = await setup((a) => {
    a.action(/^vote:/, async ({ ack, body, respond }) => {
      await ack();
      bodies.push(body as unknown as Record<string, unknown>);
      await respond({ replace_original: true, text: 'Thanks' });
    });
  });
  await app.client.chat.postEphemeral({ channel: CHANNEL, user: ALICE, text: 'Vote', blocks: voteButtons });
  await driver.clickButton({ userId: ALICE, channelId: CHANNEL, ephemeral: true, actionId: 'vote:go' });
  await fake.waitFor(() => fake.ephemerals()[0]?.text === 'Thanks');
  expect(bodies[0]?.container).toMatchObject({ type: 'message', is_ephemeral: true, channel_id: CHANNEL });
  expect(bodies[0]?.message).toBeUndefined();
  await expect(
    driver.clickButton({ userId: 'UBOB', channelId: CHANNEL, ephemeral: true, actionId: 'vote:go' }),
  ).rejects.toThrow(/UBOB sees no ephemeral/);
});

test('selecting an option sends selected_option and the message state', async () => {
  const actions: unknown[] = [];
  const { app, driver, fake } = await setup((a) => {
    a.action('pick_role', async ({ ack, action }) => {
      await ack();
      actions.push(action);
    });
  });
  const options = ['rm', 'qa'].map((v) => ({ text: { type: 'plain_text' as const, text: v.toUpperCase() }, value: v }));
  const blocks = [
    { type: 'actions', block_id: 'roles', elements: [{ type: 'static_select', action_id: 'pick_role', options }] },
  ];
  const posted = await app.client.chat.postMessage({ channel: CHANNEL, text: 'Role?', blocks });
  const target = { userId: ALICE, channelId: CHANNEL, messageTs: String(posted.ts), actionId: 'pick_role' };
  const response = await driver.selectOption({ ...target, value: 'qa' });
  expect(response.payload.state).toEqual({
    values: { roles: { pick_role: { type: 'static_select', selected_option: options[1] } } },
  });
  await fake.waitFor(() => actions.length > 0);
  expect(actions[0]).toMatchObject({ type: 'static_select', selected_option: { value: 'qa' }, block_id: 'roles' });
  await expect(driver.selectOption({ ...target, value: 'ceo' })).rejects.toThrow(/has no option "ceo"/);
});
