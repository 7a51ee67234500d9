import { LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { validateBlocks, validateView } from '../support/fake-slack/block-kit.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (actionId: string, text = 'Go', value?: string) => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text },
  ...(value === undefined ? {} : { value }),
});
const option = (value: string, text = value) => ({ text: { type: 'plain_text', text }, value });

async function setup() {
  const fake = await startFakeSlack({ channels: [{ id: 'CREL', name: 'releases' }] });
  onTestFinished(() => fake.close());
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  return { fake, client };
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

test('valid blocks of every supported kind pass', () => {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'Release 1.2' } },
    section('*Status*'),
    { type: 'section', fields: [{ type: 'mrkdwn', text: 'a' }], accessory: button('more') },
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'ctx' }] },
    {
      type: 'actions',
      elements: [
        button('go', 'Go', 'v'),
        { type: 'static_select', action_id: 'pick', options: [option('a'), option('b')] },
        { type: 'overflow', action_id: 'menu', options: [option('x')] },
        { type: 'datepicker', action_id: 'date', initial_date: '2026-03-02' },
        { type: 'users_select', action_id: 'who' },
      ],
    },
    { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a' },
    { type: 'rich_text', elements: [] },
    { type: 'markdown', text: '**hi**' },
  ];
  expect(validateBlocks(blocks, 'message')).toEqual([]);
});

test('51 blocks are too many for a message but fine for a modal', () => {
  const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
  expect(validateBlocks(blocks, 'message')).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
  expect(validateBlocks(blocks, 'modal')).toEqual([]);
  expect(validateBlocks([...blocks, ...blocks], 'home')).toEqual([
    'no more than 100 items allowed [json-pointer:/blocks]',
  ]);
});

test('text and field length limits', () => {
  expect(validateBlocks([section('x'.repeat(3000))], 'message')).toEqual([]);
  expect(validateBlocks([section('x'.repeat(3001))], 'message')).toEqual([
    'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
  ]);
  expect(validateBlocks([section('')], 'message')).toEqual([
    'must be more than 0 characters [json-pointer:/blocks/0/text/text]',
  ]);
  const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' }));
  expect(validateBlocks([{ type: 'section', fields }], 'message')).toEqual([
    'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
  ]);
  expect(
    validateBlocks([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }], 'message'),
  ).toEqual(['must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]']);
  expect(validateBlocks([{ type: 'section' }], 'message')).toEqual([
    'missing required field: text [json-pointer:/blocks/0]',
  ]);
  expect(validateBlocks([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], 'message')).toEqual([
    'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
  ]);
  expect(validateBlocks([{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], 'message')).toEqual([
    'must be a valid enum value (plain_text) [json-pointer:/blocks/0/text/type]',
  ]);
});

test('actions, buttons and ids', () => {
  const tooMany = Array.from({ length: 26 }, (_, i) => button(`b${i}`));
  expect(validateBlocks([{ type: 'actions', elements: tooMany }], 'message')).toEqual([
    'no more than 25 items allowed [json-pointer:/blocks/0/elements]',
  ]);
  expect(validateBlocks([{ type: 'actions', elements: [] }], 'message')).toEqual([
    'must provide at least 1 items [json-pointer:/blocks/0/elements]',
  ]);
  expect(validateBlocks([{ type: 'actions', elements: [button('a', 'x'.repeat(76))] }], 'message')).toEqual([
    'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
  ]);
  expect(validateBlocks([{ type: 'actions', elements: [button('a', 'Go', 'v'.repeat(2001))] }], 'message')).toEqual([
    'must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
  ]);
  expect(validateBlocks([{ type: 'actions', elements: [button('a'.repeat(256))] }], 'message')).toEqual([
    'must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
  ]);
  expect(validateBlocks([{ type: 'divider', block_id: 'b'.repeat(256) }], 'message')).toEqual([
    'must be less than 256 characters [json-pointer:/blocks/0/block_id]',
  ]);
  expect(
    validateBlocks(
      [
        { type: 'divider', block_id: 'same' },
        { type: 'divider', block_id: 'same' },
      ],
      'message',
    ),
  ).toEqual(['duplicate block_id: same [json-pointer:/blocks/1/block_id]']);
  expect(validateBlocks([{ type: 'actions', elements: [button('vote'), button('vote')] }], 'message')).toEqual([
    'duplicate action_id: vote [json-pointer:/blocks/0/elements/1/action_id]',
  ]);
  const context = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' }));
  expect(validateBlocks([{ type: 'context', elements: context }], 'message')).toEqual([
    'no more than 10 items allowed [json-pointer:/blocks/0/elements]',
  ]);
});

test('options: text 75, value 150, select 100, checkboxes and radio 10', () => {
  const select = (options: unknown[]) => [{ type: 'actions', elements: [{ type: 'static_select', options }] }];
  expect(validateBlocks(select([option('v', 'x'.repeat(76))]), 'message')).toEqual([
    'must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]',
  ]);
  expect(validateBlocks(select([option('v'.repeat(151), 'Long')]), 'message')).toEqual([
    'must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]',
  ]);
  const many = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`));
  expect(validateBlocks(select(many(100)), 'message')).toEqual([]);
  expect(validateBlocks(select(many(101)), 'message')).toEqual([
    'no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]',
  ]);
  for (const type of ['checkboxes', 'radio_buttons']) {
    const blocks = [{ type: 'actions', elements: [{ type, action_id: 'c', options: many(11) }] }];
    expect(validateBlocks(blocks, 'modal')).toEqual([
      'no more than 10 items allowed [json-pointer:/blocks/0/elements/0/options]',
    ]);
  }
});

test('unknown block and element types are rejected', () => {
  expect(validateBlocks([{ type: 'carousel' }], 'message')).toEqual([
    'unsupported block type: carousel [json-pointer:/blocks/0/type]',
  ]);
  expect(validateBlocks([{ type: 'actions', elements: [{ type: 'slider' }] }], 'message')).toEqual([
    'unsupported element type here: slider [json-pointer:/blocks/0/elements/0/type]',
  ]);
  expect(validateBlocks(['nope'], 'message')).toEqual(['must provide an object [json-pointer:/blocks/0]']);
  expect(validateBlocks({}, 'message')).toEqual(['must provide an array [json-pointer:/blocks]']);
});

test('modal rules: title/submit/close 24, submit needed with inputs, metadata 3000, callback_id 255', () => {
  const input = {
    type: 'input',
    block_id: 'notes',
    label: { type: 'plain_text', text: 'Notes' },
    element: { type: 'plain_text_input', action_id: 'value' },
  };
  const title = { type: 'plain_text', text: 'Stand-up' };
  const submit = { type: 'plain_text', text: 'Send' };
  expect(validateView({ type: 'modal', title, submit, blocks: [input] })).toEqual([]);
  expect(validateView({ type: 'modal', title, blocks: [input] })).toEqual([
    'missing required field: submit (required when the view has input blocks) [json-pointer:/view]',
  ]);
  expect(validateView({ type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: [] })).toEqual([
    'must be less than 25 characters [json-pointer:/view/title/text]',
  ]);
  expect(
    validateView({ type: 'modal', title, close: { type: 'plain_text', text: 'c'.repeat(25) }, blocks: [] }),
  ).toEqual(['must be less than 25 characters [json-pointer:/view/close/text]']);
  expect(validateView({ type: 'modal', title, blocks: [], private_metadata: 'm'.repeat(3001) })).toEqual([
    'must be less than 3001 characters [json-pointer:/view/private_metadata]',
  ]);
  expect(validateView({ type: 'modal', title, blocks: [], callback_id: 'c'.repeat(256) })).toEqual([
    'must be less than 256 characters [json-pointer:/view/callback_id]',
  ]);
  expect(validateView({ type: 'home', blocks: [] }, 'modal')).toEqual([
    'view type must be modal [json-pointer:/view/type]',
  ]);
});

test('chat.postMessage rejects 51 blocks with invalid_blocks and Slack-style messages', async () => {
  const { fake, client } = await setup();
  const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
  const data = await rejection(client.chat.postMessage({ channel: 'CREL', text: 'x', blocks }));
  expect(data).toMatchObject({
    ok: false,
    error: 'invalid_blocks',
    errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
    response_metadata: { messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] },
  });
  expect(fake.messages('CREL')).toEqual([]);
});

test('chat.postMessage rejects section text of 3001 chars and an action_id of 256', async () => {
  const { client } = await setup();
  const long = await rejection(
    client.chat.postMessage({ channel: 'CREL', text: 'x', blocks: [section('x'.repeat(3001))] }),
  );
  expect(long.errors).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
  const actions = [{ type: 'actions', elements: [button('a'.repeat(256))] }];
  const id = await rejection(client.chat.postMessage({ channel: 'CREL', text: 'x', blocks: actions }));
  expect(id.errors).toEqual(['must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]']);
});

test('blocks that are not a JSON array are invalid_blocks_format', async () => {
  const { fake } = await setup();
  const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${fake.token}` },
    body: new URLSearchParams({ channel: 'CREL', text: 'x', blocks: '{not json' }).toString(),
  });
  expect(await response.json()).toEqual({ ok: false, error: 'invalid_blocks_format' });
});

test('chat.update and chat.postEphemeral validate blocks too', async () => {
  const { fake, client } = await setup();
  fake.addUser({ id: 'UALICE', name: 'alice' });
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'x' });
  const bad = [section('x'.repeat(3001))];
  const update = await rejection(
    client.chat.update({ channel: 'CREL', ts: String(posted.ts), text: 'x', blocks: bad }),
  );
  expect(update.error).toBe('invalid_blocks');
  const ephemeral = await rejection(
    client.chat.postEphemeral({ channel: 'CREL', user: 'UALICE', text: 'x', blocks: bad }),
  );
  expect(ephemeral.error).toBe('invalid_blocks');
});

test('a message whose blocks hold more than 12,000 characters of text in all is refused, though each block fits', async () => {
  const { client } = await setup();
  const blocks = Array.from({ length: 5 }, () => section('x'.repeat(2500)));
  expect(validateBlocks(blocks.slice(0, 4), 'message')).toEqual([]);
  expect(validateBlocks(blocks, 'message')).toEqual([
    expect.stringContaining('the blocks hold 12500 characters of text; a message may hold 12000'),
  ]);
  // Escaped text counts as sent: `&lt;` is four characters.
  expect(
    validateBlocks(
      [
        section('&lt;'.repeat(750)),
        section('&lt;'.repeat(750)),
        section('&lt;'.repeat(750)),
        section('&lt;'.repeat(750)),
        section('x'),
      ],
      'message',
    ),
  ).toHaveLength(1);
  await expect(client.chat.postMessage({ channel: 'CREL', text: 'long', blocks })).rejects.toMatchObject({
    data: { error: 'invalid_blocks' },
  });
  // A modal is not a message: its limit is per element and 100 blocks.
  expect(validateBlocks(blocks, 'modal')).toEqual([]);
});
