import { App, LogLevel } from '@slack/bolt';
import { expect, onTestFinished, test } from 'vitest';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { ALICE, CHANNEL, SECRET, setup } from './bolt-app-setup.ts';

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
