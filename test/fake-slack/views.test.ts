import type { types } from '@slack/bolt';
import { LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const modal = (title: string, extra: Partial<types.ModalView> = {}): types.ModalView => ({
  type: 'modal',
  title: { type: 'plain_text', text: title },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: title } }],
  ...extra,
});

async function setup() {
  let now = 1_700_000_000_000;
  const fake = await startFakeSlack({ users: [{ id: 'UALICE', name: 'alice' }], now: () => now });
  onTestFinished(() => fake.close());
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  const advance = (ms: number) => {
    now += ms;
  };
  return { fake, client, advance };
}

async function errorOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

test('views.open returns the full view and puts it on the user stack', async () => {
  const { fake, client } = await setup();
  const result = await client.views.open({ trigger_id: fake.newTriggerId('UALICE'), view: modal('Stand-up') });
  expect(result.view).toMatchObject({
    id: expect.stringMatching(/^V/),
    type: 'modal',
    hash: expect.any(String),
    state: { values: {} },
    title: { text: 'Stand-up' },
    root_view_id: result.view?.id,
    previous_view_id: null,
    app_id: fake.appId,
    bot_id: 'BBOT',
  });
  expect(fake.openViews('UALICE').map((v) => v.id)).toEqual([result.view?.id]);
  expect(fake.view(String(result.view?.id))).toMatchObject({ title: { text: 'Stand-up' } });
});

test('trigger ids: unknown, single use, 3 s expiry', async () => {
  const { fake, client, advance } = await setup();
  expect((await errorOf(client.views.open({ trigger_id: '1.2.3', view: modal('x') }))).error).toBe(
    'invalid_trigger_id',
  );
  const trigger = fake.newTriggerId('UALICE');
  await client.views.open({ trigger_id: trigger, view: modal('x') });
  expect((await errorOf(client.views.open({ trigger_id: trigger, view: modal('x') }))).error).toBe(
    'exchanged_trigger_id',
  );
  const late = fake.newTriggerId('UALICE');
  advance(3001);
  expect((await errorOf(client.views.open({ trigger_id: late, view: modal('x') }))).error).toBe('expired_trigger_id');
});

test('an invalid view is invalid_arguments and does not use up the trigger', async () => {
  const { fake, client } = await setup();
  const trigger = fake.newTriggerId('UALICE');
  const bad = modal('a title that is far too long for Slack');
  const data = await errorOf(client.views.open({ trigger_id: trigger, view: bad }));
  expect(data).toMatchObject({
    error: 'invalid_arguments',
    response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] },
  });
  await expect(client.views.open({ trigger_id: trigger, view: modal('ok') })).resolves.toMatchObject({ ok: true });
});

test('views.push stacks at most 3 views', async () => {
  const { fake, client } = await setup();
  const first = await client.views.open({ trigger_id: fake.newTriggerId('UALICE'), view: modal('1') });
  const second = await client.views.push({ trigger_id: fake.newTriggerId('UALICE'), view: modal('2') });
  expect(second.view).toMatchObject({ previous_view_id: first.view?.id, root_view_id: first.view?.id });
  await client.views.push({ trigger_id: fake.newTriggerId('UALICE'), view: modal('3') });
  const fourth = client.views.push({ trigger_id: fake.newTriggerId('UALICE'), view: modal('4') });
  expect((await errorOf(fourth)).error).toBe('push_limit_reached');
  expect(fake.openViews('UALICE').map((v) => (v.title as { text: string }).text)).toEqual(['1', '2', '3']);
});

test('views.update by id or external_id, with hash checks', async () => {
  const { fake, client } = await setup();
  const opened = await client.views.open({
    trigger_id: fake.newTriggerId('UALICE'),
    view: modal('v1', { external_id: 'standup-1' }),
  });
  const id = String(opened.view?.id);
  const hash = String(opened.view?.hash);
  const byId = await client.views.update({ view_id: id, hash, view: modal('v2', { external_id: 'standup-1' }) });
  expect(byId.view).toMatchObject({ id, title: { text: 'v2' } });
  expect(byId.view?.hash).not.toBe(hash);
  expect((await errorOf(client.views.update({ view_id: id, hash, view: modal('v3') }))).error).toBe('hash_conflict');
  const byExternal = await client.views.update({ external_id: 'standup-1', view: modal('v4') });
  expect(byExternal.view?.id).toBe(id);
  expect((await errorOf(client.views.update({ view_id: 'VNOPE', view: modal('x') }))).error).toBe('not_found');
});

test('views.update on a closed modal is not_found', async () => {
  const { fake, client } = await setup();
  const opened = await client.views.open({ trigger_id: fake.newTriggerId('UALICE'), view: modal('v1') });
  fake.closeView('UALICE');
  expect(fake.openViews('UALICE')).toEqual([]);
  const update = client.views.update({ view_id: String(opened.view?.id), view: modal('v2') });
  expect((await errorOf(update)).error).toBe('not_found');
});

test('views.publish sets the Home tab and keeps its id', async () => {
  const { fake, client } = await setup();
  const home = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }] };
  const first = await client.views.publish({ user_id: 'UALICE', view: home });
  const second = await client.views.publish({ user_id: 'UALICE', view: { ...home, private_metadata: 'x' } });
  expect(second.view?.id).toBe(first.view?.id);
  expect(fake.homeView('UALICE')).toMatchObject({ type: 'home', private_metadata: 'x' });
  const asModal = client.views.publish({ user_id: 'UALICE', view: modal('x') as never });
  expect((await errorOf(asModal)).error).toBe('invalid_arguments');
  expect((await errorOf(client.views.publish({ user_id: 'UNOPE', view: home }))).error).toBe('user_not_found');
});

test('views reject more than 100 blocks', async () => {
  const { fake, client } = await setup();
  const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
  const data = await errorOf(
    client.views.open({ trigger_id: fake.newTriggerId('UALICE'), view: modal('x', { blocks }) }),
  );
  expect(data.response_metadata).toEqual({
    messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'],
  });
});

test('views.open from a message or command trigger replaces an old stack; from a modal trigger it stacks', async () => {
  const { fake, client } = await setup();
  await client.views.open({ trigger_id: fake.newTriggerId('UALICE'), view: modal('old') });
  await client.views.open({ trigger_id: fake.newTriggerId('UALICE'), view: modal('new') });
  expect(fake.openViews('UALICE').map((v) => (v.title as { text: string }).text)).toEqual(['new']);
  await client.views.open({ trigger_id: fake.newTriggerId('UALICE', { fromView: true }), view: modal('child') });
  expect(fake.openViews('UALICE').map((v) => (v.title as { text: string }).text)).toEqual(['new', 'child']);
});
