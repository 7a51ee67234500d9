import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { expect, onTestFinished, test } from 'vitest';
import { createSlackDriver } from '../support/fake-slack/driver.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const SECRET = 'test-signing-secret';
const CHANNEL = 'CREL';
const ALICE = 'UALICE';

/** A bare Bolt app on an ephemeral port, its Web API client pointed at the fake. */
async function setup(register: (app: App) => void) {
  const fake = await startFakeSlack({
    users: [
      { id: ALICE, name: 'alice' },
      { id: 'UBOB', name: 'bob' },
    ],
    channels: [{ id: CHANNEL, name: 'releases', members: [ALICE, 'UBOT'] }],
  });
  onTestFinished(() => fake.close());
  const app = new App({
    token: fake.token,
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  register(app);
  const server = await app.start(0);
  onTestFinished(async () => {
    await app.stop();
  });
  const { port } = server.address() as AddressInfo;
  const driver = createSlackDriver({ fake, appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET });
  return { fake, app, driver };
}

const voteButtons = [
  {
    type: 'actions',
    block_id: 'vote',
    elements: [
      { type: 'button', action_id: 'vote:go', text: { type: 'plain_text', text: 'Go' }, value: 'go' },
      { type: 'button', action_id: 'vote:no_go', text: { type: 'plain_text', text: 'No go' }, value: 'no_go' },
    ],
  },
];

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

const standupModal = {
  type: 'modal' as const,
  callback_id: 'standup',
  title: { type: 'plain_text' as const, text: 'Stand-up' },
  submit: { type: 'plain_text' as const, text: 'Send' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'notes',
      label: { type: 'plain_text' as const, text: 'Notes' },
      element: { type: 'plain_text_input' as const, action_id: 'value' },
    },
    {
      type: 'input' as const,
      block_id: 'due',
      optional: true,
      label: { type: 'plain_text' as const, text: 'Due' },
      element: { type: 'datepicker' as const, action_id: 'date' },
    },
  ],
};

test('a command opens a modal with its trigger; submitting runs the view listener and closes it', async () => {
  const submissions: unknown[] = [];
  const { fake, driver } = await setup((app) => {
    app.command('/release', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: standupModal });
    });
    app.view('standup', async ({ ack, view }) => {
      const notes = view.state.values.notes?.value?.value;
      if (notes === 'bad') {
        await ack({ response_action: 'errors', errors: { notes: 'Say more' } });
        return;
      }
      submissions.push(view.state.values);
      await ack();
    });
  });
  await driver.command({ userId: ALICE, channelId: CHANNEL, text: 'standup' });
  const [modal] = await fake.waitFor(() => fake.openViews(ALICE).length > 0 && fake.openViews(ALICE));
  const viewId = String(modal?.id);
  await expect(driver.submitView({ userId: ALICE, viewId, values: {} })).rejects.toThrow(/notes is required/);
  const rejected = await driver.submitView({ userId: ALICE, viewId, values: { notes: { value: 'bad' } } });
  expect(rejected.outcome).toEqual({ kind: 'errors', errors: { notes: 'Say more' } });
  expect(fake.isViewOpen(viewId)).toBe(true);
  const accepted = await driver.submitView({
    userId: ALICE,
    viewId,
    values: { notes: { value: 'All good' }, due: { date: '2026-03-02' } },
  });
  expect(accepted.outcome).toEqual({ kind: 'closed' });
  expect(fake.openViews(ALICE)).toEqual([]);
  expect(submissions[0]).toEqual({
    notes: { value: { type: 'plain_text_input', value: 'All good' } },
    due: { date: { type: 'datepicker', selected_date: '2026-03-02' } },
  });
  expect(accepted.payload).toMatchObject({ type: 'view_submission', view: { id: viewId, callback_id: 'standup' } });
});

test('a trigger id used after 3 s fails with expired_trigger_id in the app', async () => {
  let now = Date.now();
  const errors: string[] = [];
  const fake = await startFakeSlack({ users: [{ id: ALICE, name: 'alice' }], now: () => now });
  onTestFinished(() => fake.close());
  const app = new App({
    token: fake.token,
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  const trigger = fake.newTriggerId(ALICE);
  now += 3001;
  await app.client.views.open({ trigger_id: trigger, view: standupModal }).catch((e: { data: { error: string } }) => {
    errors.push(e.data.error);
  });
  expect(errors).toEqual(['expired_trigger_id']);
});

test('opening the Home tab sends app_home_opened; buttons on Home are clickable', async () => {
  const clicked: Record<string, unknown>[] = [];
  const { fake, driver } = await setup((app) => {
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: {
          type: 'home',
          blocks: [
            {
              type: 'actions',
              block_id: 'home_actions',
              elements: [{ type: 'button', action_id: 'refresh', text: { type: 'plain_text', text: 'Refresh' } }],
            },
          ],
        },
      });
    });
    app.action('refresh', async ({ ack, body }) => {
      await ack();
      clicked.push(body as unknown as Record<string, unknown>);
    });
  });
  const opened = await driver.openHome(ALICE);
  expect(opened.status).toBe(200);
  const home = await fake.waitFor(() => fake.homeView(ALICE));
  await driver.clickInView({ userId: ALICE, viewId: String(home.id), actionId: 'refresh' });
  await fake.waitFor(() => clicked.length > 0);
  expect(clicked[0]).toMatchObject({
    type: 'block_actions',
    container: { type: 'view', view_id: home.id },
    view: { id: home.id, type: 'home' },
    actions: [{ action_id: 'refresh', block_id: 'home_actions', type: 'button' }],
  });
  expect(clicked[0]?.response_url).toBeUndefined();
  await expect(driver.clickInView({ userId: 'UBOB', viewId: String(home.id), actionId: 'refresh' })).rejects.toThrow(
    /is not on UBOB's screen/,
  );
});

test('view_submission acks push, update and clear change the modal stack as Slack does', async () => {
  const step = (n: number) => ({
    ...standupModal,
    callback_id: `step${n}`,
    title: { type: 'plain_text' as const, text: `Step ${n}` },
  });
  const { fake, driver } = await setup((app) => {
    app.command('/release', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: step(1) });
    });
    app.view('step1', async ({ ack }) => ack({ response_action: 'push', view: step(2) }));
    app.view('step2', async ({ ack }) => ack({ response_action: 'update', view: step(3) }));
    app.view('step3', async ({ ack }) => ack({ response_action: 'clear' }));
  });
  await driver.command({ userId: ALICE, channelId: CHANNEL });
  const [first] = await fake.waitFor(() => fake.openViews(ALICE).length > 0 && fake.openViews(ALICE));
  const values = { notes: { value: 'x' } };
  const pushed = await driver.submitView({ userId: ALICE, viewId: String(first?.id), values });
  expect(pushed.outcome).toMatchObject({ kind: 'pushed', view: { callback_id: 'step2', previous_view_id: first?.id } });
  const second = fake.openViews(ALICE)[1];
  await expect(driver.submitView({ userId: ALICE, viewId: String(first?.id), values })).rejects.toThrow(
    /is not on UALICE's screen \(top modal is V/,
  );
  const updated = await driver.submitView({ userId: ALICE, viewId: String(second?.id), values });
  expect(updated.outcome).toMatchObject({ kind: 'updated', view: { id: second?.id, callback_id: 'step3' } });
  expect(fake.openViews(ALICE).map((v) => v.callback_id)).toEqual(['step1', 'step3']);
  const cleared = await driver.submitView({ userId: ALICE, viewId: String(second?.id), values });
  expect(cleared.outcome).toEqual({ kind: 'cleared' });
  expect(fake.openViews(ALICE)).toEqual([]);
});

test('closing a modal with notify_on_close sends view_closed', async () => {
  const closed: Record<string, unknown>[] = [];
  const { fake, driver } = await setup((app) => {
    app.command('/release', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: { ...standupModal, notify_on_close: true } });
    });
    app.view({ callback_id: 'standup', type: 'view_closed' }, async ({ ack, body }) => {
      await ack();
      closed.push(body as unknown as Record<string, unknown>);
    });
  });
  await driver.command({ userId: ALICE, channelId: CHANNEL });
  const [modal] = await fake.waitFor(() => fake.openViews(ALICE).length > 0 && fake.openViews(ALICE));
  const response = await driver.closeView({ userId: ALICE, viewId: String(modal?.id) });
  expect(response?.status).toBe(200);
  expect(closed[0]).toMatchObject({ type: 'view_closed', is_cleared: false, view: { id: modal?.id } });
  expect(fake.openViews(ALICE)).toEqual([]);
});

test('a button in a modal gets a trigger that views.push stacks on top', async () => {
  const withButton = {
    ...standupModal,
    blocks: [
      ...standupModal.blocks,
      {
        type: 'actions' as const,
        block_id: 'more',
        elements: [
          { type: 'button' as const, action_id: 'details', text: { type: 'plain_text' as const, text: 'More' } },
        ],
      },
    ],
  };
  const { fake, driver } = await setup((app) => {
    app.command('/release', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: withButton });
    });
    app.action('details', async ({ ack, body, client }) => {
      await ack();
      await client.views.push({ trigger_id: (body as { trigger_id: string }).trigger_id, view: standupModal });
    });
  });
  await driver.command({ userId: ALICE, channelId: CHANNEL });
  const [modal] = await fake.waitFor(() => fake.openViews(ALICE).length > 0 && fake.openViews(ALICE));
  await driver.clickInView({ userId: ALICE, viewId: String(modal?.id), actionId: 'details' });
  const stack = await fake.waitFor(() => fake.openViews(ALICE).length === 2 && fake.openViews(ALICE));
  expect(stack[1]).toMatchObject({ previous_view_id: modal?.id, root_view_id: modal?.id });
});
