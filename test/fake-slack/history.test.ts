import { LogLevel, WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

/** Reading a conversation back (history, replies, message metadata) and the faults that lose or delay an answer. */
async function setup(clientOptions: ConstructorParameters<typeof WebClient>[1] = {}) {
  let now = 1_700_000_000_000;
  const fake = await startFakeSlack({
    users: [{ id: 'UALICE', name: 'alice' }],
    channels: [
      { id: 'CREL', name: 'releases' },
      { id: 'COTHER', name: 'other' },
      { id: 'COUT', name: 'outside', members: ['UALICE'] },
    ],
    now: () => now,
  });
  onTestFinished(() => fake.close());
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...clientOptions,
  });
  const tick = (ms = 1000) => {
    now += ms;
  };
  return { fake, client, tick };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function platformError(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

const META = (key: string) => ({ event_type: 'release_bot_post', event_payload: { key } });

test('conversations.history: newest first, oldest/latest exclusive unless inclusive, thread replies left out', async () => {
  const { client, tick } = await setup();
  const ts: string[] = [];
  for (const text of ['one', 'two', 'three', 'four']) {
    ts.push(String((await client.chat.postMessage({ channel: 'CREL', text })).ts));
    tick();
  }
  await client.chat.postMessage({ channel: 'CREL', thread_ts: ts[0] as string, text: 'a reply' });
  await client.chat.postMessage({
    channel: 'CREL',
    thread_ts: ts[0] as string,
    text: 'broadcast',
    reply_broadcast: true,
  });
  const texts = async (args: Record<string, unknown>) =>
    ((await client.conversations.history({ channel: 'CREL', ...args })).messages ?? []).map((m) => m.text);
  expect(await texts({})).toEqual(['broadcast', 'four', 'three', 'two', 'one']);
  expect(await texts({ oldest: ts[1], latest: ts[3] })).toEqual(['three']);
  expect(await texts({ oldest: ts[1], latest: ts[3], inclusive: true })).toEqual(['four', 'three', 'two']);
  // A whole-second bound (as a clock gives it) works too: 'two' was posted at exactly that second.
  expect(ts[1]).toBe('1700000001.000000');
  expect(await texts({ oldest: '1700000001' })).toEqual(['broadcast', 'four', 'three']);
});

test('conversations.history pages with limit and cursor, and says when there is more', async () => {
  const { client, tick } = await setup();
  for (let i = 1; i <= 5; i += 1) {
    await client.chat.postMessage({ channel: 'CREL', text: `m${i}` });
    tick();
  }
  const first = await client.conversations.history({ channel: 'CREL', limit: 2 });
  expect(first.messages?.map((m) => m.text)).toEqual(['m5', 'm4']);
  expect(first.has_more).toBe(true);
  const cursor = first.response_metadata?.next_cursor as string;
  const second = await client.conversations.history({ channel: 'CREL', limit: 2, cursor });
  expect(second.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
  const last = await client.conversations.history({
    channel: 'CREL',
    limit: 2,
    cursor: second.response_metadata?.next_cursor as string,
  });
  expect(last.messages?.map((m) => m.text)).toEqual(['m1']);
  expect(last.has_more).toBe(false);
  expect(last.response_metadata?.next_cursor).toBe('');
  expect(await platformError(client.conversations.history({ channel: 'CREL', cursor: 'bm9wZQ==' }))).toBe(
    'invalid_cursor',
  );
});

test('message metadata is kept, returned only with include_all_metadata, and kept by an update without it', async () => {
  const { client } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'hello', metadata: META('standup:1') });
  const plain = await client.conversations.history({ channel: 'CREL' });
  expect(plain.messages?.[0]).not.toHaveProperty('metadata');
  const withMetadata = await client.conversations.history({ channel: 'CREL', include_all_metadata: true });
  expect(withMetadata.messages?.[0]?.metadata).toEqual(META('standup:1'));
  await client.chat.update({ channel: 'CREL', ts: String(posted.ts), text: 'hello again' });
  const after = await client.conversations.history({ channel: 'CREL', include_all_metadata: true });
  expect(after.messages?.[0]).toMatchObject({ text: 'hello again', metadata: META('standup:1') });
  const bad = client.chat.postMessage({
    channel: 'CREL',
    text: 'x',
    metadata: { event_type: 'has spaces', event_payload: {} },
  });
  expect(await platformError(bad)).toBe('invalid_metadata_format');
});

test('conversations.replies: the parent first, then its replies oldest first, by either ts; metadata on request', async () => {
  const { client, tick } = await setup();
  const parent = String((await client.chat.postMessage({ channel: 'CREL', text: 'prompt' })).ts);
  const replies: string[] = [];
  for (const text of ['r1', 'r2', 'r3']) {
    tick();
    const reply = await client.chat.postMessage({ channel: 'CREL', thread_ts: parent, text, metadata: META(text) });
    replies.push(String(reply.ts));
  }
  const thread = await client.conversations.replies({ channel: 'CREL', ts: parent, include_all_metadata: true });
  expect(thread.messages?.map((m) => m.text)).toEqual(['prompt', 'r1', 'r2', 'r3']);
  expect(thread.messages?.[2]?.metadata).toEqual(META('r2'));
  const byReply = await client.conversations.replies({ channel: 'CREL', ts: replies[1] as string, oldest: replies[0] });
  expect(byReply.messages?.map((m) => m.text)).toEqual(['prompt', 'r2', 'r3']);
  expect(byReply.messages?.[1]).not.toHaveProperty('metadata');
  const paged = await client.conversations.replies({ channel: 'CREL', ts: parent, limit: 2 });
  expect(paged.messages?.map((m) => m.text)).toEqual(['prompt', 'r1']);
  expect(paged.has_more).toBe(true);
  expect(await platformError(client.conversations.replies({ channel: 'CREL', ts: '1.000001' }))).toBe(
    'thread_not_found',
  );
});

test('posting and reading need the bot in the channel: not_in_channel, channel_not_found, and a bad bound', async () => {
  const { fake, client } = await setup();
  expect(await platformError(client.chat.postMessage({ channel: 'COUT', text: 'x' }))).toBe('not_in_channel');
  await client.chat.postMessage({ channel: 'COTHER', text: 'before' });
  fake.removeFromChannel('COTHER', fake.botUserId);
  expect(await platformError(client.chat.postMessage({ channel: 'COTHER', text: 'after' }))).toBe('not_in_channel');
  expect(await platformError(client.conversations.history({ channel: 'COTHER' }))).toBe('not_in_channel');
  expect(await platformError(client.conversations.history({ channel: 'COUT' }))).toBe('not_in_channel');
  expect(await platformError(client.conversations.history({ channel: 'CNOPE' }))).toBe('channel_not_found');
  expect(await platformError(client.conversations.replies({ channel: 'COUT', ts: '1.000001' }))).toBe('not_in_channel');
  expect(await platformError(client.conversations.history({ channel: 'CREL', oldest: 'yesterday' }))).toBe(
    'invalid_ts_oldest',
  );
});

test('loseNextAnswer: the post lands, the caller gets an HTTP 500 or a dropped connection', async () => {
  const { fake, client } = await setup();
  fake.loseNextAnswer('chat.postMessage', { as: 'http_500' });
  const lost = await rejection(client.chat.postMessage({ channel: 'CREL', text: 'posted anyway' }));
  expect(lost).toBeInstanceOf(WebAPIHTTPError);
  expect((lost as WebAPIHTTPError).statusCode).toBe(500);
  fake.loseNextAnswer('chat.postMessage', { as: 'drop' });
  const dropped = await rejection(client.chat.postMessage({ channel: 'CREL', text: 'this one too' }));
  expect(dropped).toBeInstanceOf(WebAPIRequestError);
  expect(fake.messages('CREL').map((m) => m.text)).toEqual(['posted anyway', 'this one too']);
  expect(fake.callsTo('chat.postMessage').map((c) => [c.ok, c.status, c.answer])).toEqual([
    [true, 500, 'http_500'],
    [true, 0, 'drop'],
  ]);
  await expect(client.chat.postMessage({ channel: 'CREL', text: 'normal' })).resolves.toMatchObject({ ok: true });
});

test('hangNext: a caller that gives up first changes nothing; one that waits is answered', async () => {
  const { fake, client } = await setup({ timeout: 150 });
  fake.hangNext('chat.update', { ms: 5_000 });
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'v1' });
  const gaveUp = await rejection(client.chat.update({ channel: 'CREL', ts: String(posted.ts), text: 'v2' }));
  expect(gaveUp).toBeInstanceOf(WebAPIRequestError);
  await fake.waitFor(() => fake.callsTo('chat.update').length === 1);
  expect(fake.callsTo('chat.update')[0]).toMatchObject({ status: 0, answer: 'abandoned' });
  expect(fake.message('CREL', String(posted.ts))?.text).toBe('v1');
  fake.hangNext('chat.update', { ms: 50 });
  await client.chat.update({ channel: 'CREL', ts: String(posted.ts), text: 'v3' });
  expect(fake.message('CREL', String(posted.ts))?.text).toBe('v3');
});

test('faults may target one channel: a 429 there leaves calls to other channels alone', async () => {
  const { fake, client } = await setup({ rejectRateLimitedCalls: true });
  fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 10, channel: 'CREL' });
  fake.failNext('chat.postMessage', 'internal_error', { channel: 'COTHER' });
  await expect(client.chat.postMessage({ channel: '#releases', text: 'elsewhere' })).rejects.toMatchObject({
    retryAfter: 10,
  });
  expect(await platformError(client.chat.postMessage({ channel: 'COTHER', text: 'x' }))).toBe('internal_error');
  await expect(client.chat.postMessage({ channel: 'CREL', text: 'now fine' })).resolves.toMatchObject({ ok: true });
  await expect(client.chat.postMessage({ channel: 'COTHER', text: 'fine too' })).resolves.toMatchObject({ ok: true });
});
