import { LogLevel, WebAPIRequestError, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { createSlackTransport } from '../../../src/platform/slack/transport.ts';
import { recordingLogger } from '../../helpers/deps.ts';
import { startFakeSlack } from '../../support/fake-slack/fake-slack.ts';

/** The Web API transport (src/platform/slack/transport.ts) under the real client, against the fake Slack. */
async function setup(options: { timeoutMs?: number; postIntervalMs?: number; maxRateLimitWaitMs?: number } = {}) {
  const fake = await startFakeSlack({
    users: [{ id: 'UALICE', name: 'alice' }],
    channels: [
      { id: 'CA', name: 'a' },
      { id: 'CB', name: 'b' },
    ],
  });
  onTestFinished(() => fake.close());
  const logger = recordingLogger();
  const transport = createSlackTransport({
    apiUrl: fake.apiUrl,
    timeoutMs: options.timeoutMs ?? 2000,
    postIntervalMs: options.postIntervalMs ?? 0,
    logger,
    retryDelaysMs: [10, 20],
    ...(options.maxRateLimitWaitMs === undefined ? {} : { maxRateLimitWaitMs: options.maxRateLimitWaitMs }),
  });
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: transport.fetch,
    logLevel: LogLevel.ERROR,
  });
  return { fake, client, logger };
}

test('a 429 on one channel pauses that channel and method only; the call is sent again after Retry-After', async () => {
  const { fake, client } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CB', text: 'poll' });
  fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1, channel: 'CA' });
  const started = Date.now();
  const limited = client.chat.postMessage({ channel: 'CA', text: 'waits' });
  await fake.waitFor(() => fake.callsTo('chat.postMessage').some((c) => c.status === 429));
  // Another channel, and another method on the same channel, go on at once.
  await client.chat.postMessage({ channel: 'CB', text: 'not held up' });
  await client.chat.update({ channel: 'CB', ts: String(posted.ts), text: 'poll, updated' });
  await client.conversations.history({ channel: 'CA' });
  expect(Date.now() - started).toBeLessThan(800);
  expect(fake.messages('CA')).toHaveLength(0);
  await limited;
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  expect(fake.messages('CA').map((m) => m.text)).toEqual(['waits']);
});

test('a 429 longer than the caller may wait reaches it as a rate-limit error, without pausing the client', async () => {
  const { fake, client } = await setup({ maxRateLimitWaitMs: 500 });
  fake.rateLimitNext('users.info', { retryAfterSeconds: 30 });
  await expect(client.users.info({ user: 'UALICE' })).rejects.toMatchObject({ retryAfter: 30 });
  await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
});

test('an idempotent call whose answer was lost is sent again; a post is not', async () => {
  const { fake, client } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CA', text: 'v1' });
  fake.loseNextAnswer('chat.update', { as: 'http_500' });
  await client.chat.update({ channel: 'CA', ts: String(posted.ts), text: 'v2' });
  expect(fake.callsTo('chat.update').map((c) => c.status)).toEqual([500, 200]);
  fake.loseNextAnswer('chat.postMessage', { as: 'drop' });
  await expect(client.chat.postMessage({ channel: 'CA', text: 'once' })).rejects.toBeInstanceOf(WebAPIRequestError);
  expect(fake.callsTo('chat.postMessage').filter((c) => c.params.text === 'once')).toHaveLength(1);
  expect(fake.messages('CA').filter((m) => m.text === 'once')).toHaveLength(1);
});

test('a request is given up after the timeout: an update is tried again, a post is left to its caller', async () => {
  const { fake, client } = await setup({ timeoutMs: 200 });
  const posted = await client.chat.postMessage({ channel: 'CA', text: 'v1' });
  fake.hangNext('chat.update', { ms: 10_000 });
  const started = Date.now();
  await client.chat.update({ channel: 'CA', ts: String(posted.ts), text: 'v2' });
  expect(Date.now() - started).toBeLessThan(2000);
  expect(fake.message('CA', String(posted.ts))?.text).toBe('v2');
  fake.hangNext('chat.postMessage', { ms: 10_000 });
  const error = await client.chat.postMessage({ channel: 'CA', text: 'slow' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebAPIRequestError);
  expect(String((error as WebAPIRequestError).original)).toContain('did not answer chat.postMessage within 200 ms');
});

test('posts to one channel are spaced by the interval, in order; calls outside the Web API pass through', async () => {
  const { fake, client } = await setup({ postIntervalMs: 150 });
  const started = Date.now();
  await Promise.all([
    client.chat.postMessage({ channel: 'CA', text: '1' }),
    client.chat.postMessage({ channel: 'CA', text: '2' }),
    client.chat.postMessage({ channel: 'CA', text: '3' }),
    client.chat.postMessage({ channel: 'CB', text: 'other' }),
  ]);
  expect(fake.messages('CA').map((m) => m.text)).toEqual(['1', '2', '3']);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  const at = fake.callsTo('chat.postMessage').map((c) => [c.params.text, c.at.getTime()] as const);
  const b = at.find(([text]) => text === 'other')?.[1] ?? 0;
  expect(b - started).toBeLessThan(150);
  const url = fake.newResponseUrl({ channelId: 'CA', userId: 'UALICE' });
  const transport = createSlackTransport({
    apiUrl: fake.apiUrl,
    timeoutMs: 1000,
    postIntervalMs: 0,
    logger: recordingLogger(),
  });
  const answer = await transport.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'via response_url' }),
  });
  expect(answer.status).toBe(200);
});

/** A response the test controls, for a transport given its own `fetch`. */
function controlledResponse(body: () => Promise<string>) {
  return {
    ok: true,
    status: 200,
    statusText: 'OK',
    url: '',
    headers: { get: () => null, entries: () => [][Symbol.iterator]() },
    text: body,
    json: () => body().then((text) => JSON.parse(text) as unknown),
    arrayBuffer: () => body().then((text) => new TextEncoder().encode(text).buffer as ArrayBuffer),
  };
}

test('an answered call leaves no timeout behind: once its body is read, its signal is never aborted', async () => {
  const signals: AbortSignal[] = [];
  const transport = createSlackTransport({
    apiUrl: 'http://slack.invalid/api/',
    timeoutMs: 50,
    postIntervalMs: 0,
    logger: recordingLogger(),
    fetch: async (_url, init) => {
      if (init?.signal) signals.push(init.signal);
      return controlledResponse(async () => '{"ok":true}');
    },
  });
  const response = await transport.fetch('http://slack.invalid/api/auth.test', { method: 'POST', body: '' });
  expect(await response.json()).toEqual({ ok: true });
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(signals).toHaveLength(1);
  expect(signals[0]?.aborted).toBe(false);
});

test('the timeout covers the body as well: an answer whose body never comes is given up', async () => {
  const transport = createSlackTransport({
    apiUrl: 'http://slack.invalid/api/',
    timeoutMs: 50,
    postIntervalMs: 0,
    logger: recordingLogger(),
    fetch: async (_url, init) =>
      controlledResponse(
        () =>
          new Promise<string>((_resolve, reject) => {
            init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
          }),
      ),
  });
  const response = await transport.fetch('http://slack.invalid/api/auth.test', { method: 'POST', body: '' });
  await expect(response.text()).rejects.toThrow('timed out after 50 ms');
});
