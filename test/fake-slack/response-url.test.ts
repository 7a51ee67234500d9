import { LogLevel, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

async function setup() {
  const fake = await startFakeSlack({
    users: [{ id: 'UALICE', name: 'alice' }],
    channels: [{ id: 'CREL', name: 'releases' }],
  });
  onTestFinished(() => fake.close());
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  const respond = async (url: string, body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  return { fake, client, respond };
}

test('a plain response is an ephemeral for the user', async () => {
  const { fake, respond } = await setup();
  const url = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE' });
  expect(url).toMatch(new RegExp(`^${fake.url}/response/`));
  expect(await respond(url, { text: 'only you can see this' })).toEqual({ status: 200, text: 'ok' });
  expect(fake.ephemerals()).toEqual([
    expect.objectContaining({ channel: 'CREL', user: 'UALICE', text: 'only you can see this', source: 'response_url' }),
  ]);
  expect(fake.messages('CREL')).toEqual([]);
});

test('in_channel posts a bot message', async () => {
  const { fake, respond } = await setup();
  const url = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE' });
  await respond(url, { response_type: 'in_channel', text: 'for everyone' });
  expect(fake.messages('CREL')).toEqual([expect.objectContaining({ text: 'for everyone', user: 'UBOT' })]);
});

test('an in_channel response keeps its message metadata, read back with include_all_metadata', async () => {
  const { fake, client, respond } = await setup();
  const url = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE' });
  const metadata = { event_type: 'release_bot_post', event_payload: { key: 'release:1:created' } };
  expect(await respond(url, { response_type: 'in_channel', text: 'created', metadata })).toEqual({
    status: 200,
    text: 'ok',
  });
  const plain = await client.conversations.history({ channel: 'CREL' });
  expect(plain.messages?.[0]?.metadata).toBeUndefined();
  const withMetadata = await client.conversations.history({ channel: 'CREL', include_all_metadata: true });
  expect(withMetadata.messages?.[0]).toMatchObject({ text: 'created', metadata });
  const bad = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE' });
  expect(await respond(bad, { response_type: 'in_channel', text: 'x', metadata: { event_type: 'no spaces' } })).toEqual(
    {
      status: 400,
      text: 'invalid_metadata_format',
    },
  );
  expect(fake.messages('CREL')).toHaveLength(1);
});

test('replace_original and delete_original act on the source message', async () => {
  const { fake, client, respond } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'vote now' });
  const ts = String(posted.ts);
  const url = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE', messageTs: ts });
  await respond(url, { replace_original: true, text: 'voting closed' });
  expect(fake.message('CREL', ts)).toMatchObject({ text: 'voting closed', blocks: [], updates: 1 });
  await respond(url, { delete_original: true });
  expect(fake.messages('CREL')).toEqual([]);
});

test('replace_original on an ephemeral source replaces that ephemeral', async () => {
  const { fake, client, respond } = await setup();
  const { message_ts } = await client.chat.postEphemeral({ channel: 'CREL', user: 'UALICE', text: 'pick one' });
  const url = fake.newResponseUrl({
    channelId: 'CREL',
    userId: 'UALICE',
    messageTs: String(message_ts),
    isEphemeral: true,
  });
  await respond(url, { replace_original: true, text: 'thanks' });
  expect(fake.ephemerals().map((e) => e.text)).toEqual(['thanks']);
  await respond(url, { delete_original: true });
  expect(fake.ephemerals()).toEqual([]);
});

test('a response_url works 5 times, then answers 404 used_url', async () => {
  const { fake, respond } = await setup();
  const url = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE' });
  for (let i = 0; i < 5; i += 1) expect((await respond(url, { text: `#${i}` })).status).toBe(200);
  expect(await respond(url, { text: 'again' })).toEqual({ status: 404, text: 'used_url' });
  expect(fake.ephemerals()).toHaveLength(5);
});

test('invalid blocks answer 400 and are logged with the reasons', async () => {
  const { fake, respond } = await setup();
  const url = fake.newResponseUrl({ channelId: 'CREL', userId: 'UALICE' });
  const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
  expect(await respond(url, { text: 'x', blocks })).toEqual({ status: 400, text: 'invalid_blocks' });
  expect(fake.responseUrlPosts[0]).toMatchObject({
    status: 400,
    errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
  });
  expect(fake.ephemerals()).toEqual([]);
});
