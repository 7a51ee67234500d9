import { LogLevel, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { PostFailed } from '../../../src/core/domain/delivery.ts';
import { createSlackPoster, POST_EVENT_TYPE } from '../../../src/platform/slack/post-once.ts';
import { createSlackTransport } from '../../../src/platform/slack/transport.ts';
import { manualClock } from '../../helpers/clock.ts';
import { recordingLogger } from '../../helpers/deps.ts';
import { createTestStore } from '../../helpers/test-db.ts';
import { startFakeSlack } from '../../support/fake-slack/fake-slack.ts';

/** The poster (src/platform/slack/post-once.ts) with a real store and the real client, against the fake Slack. */
async function setup() {
  const fake = await startFakeSlack({
    users: [{ id: 'UALICE', name: 'alice' }],
    channels: [
      { id: 'CREL', name: 'release' },
      { id: 'COUT', name: 'outside', members: ['UALICE'] },
    ],
  });
  onTestFinished(() => fake.close());
  const logger = recordingLogger();
  const transport = createSlackTransport({ apiUrl: fake.apiUrl, timeoutMs: 2000, postIntervalMs: 0, logger });
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: transport.fetch,
    logLevel: LogLevel.ERROR,
  });
  const { store } = createTestStore();
  const clock = manualClock('2026-11-23T09:00:00Z');
  const poster = (retryDelaysMs: number[] = [10, 20]) =>
    createSlackPoster({ client, logger, intents: store.intents, clock, retryDelaysMs });
  return { fake, client, store, clock, poster, logger };
}

const message = (text: string) => ({
  text,
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
});

test('a keyed post carries its key in the metadata and is posted once however often it is asked', async () => {
  const { fake, poster } = await setup();
  const first = await poster().post({ key: 'standup:1:prompt', channel: 'CREL', message: message('Daily standup') });
  const again = await poster().post({ key: 'standup:1:prompt', channel: 'CREL', message: message('Daily standup') });
  expect(again).toEqual(first);
  expect(fake.messages('CREL')).toHaveLength(1);
  expect(fake.messages('CREL')[0]?.metadata).toEqual({
    event_type: POST_EVENT_TYPE,
    event_payload: { key: 'standup:1:prompt' },
  });
  expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  expect(fake.callsTo('conversations.history')).toHaveLength(0);
});

test('a try that died after Slack posted: the next finds the message by its key instead of posting again', async () => {
  const { fake, store, clock, poster } = await setup();
  // The dead try: its intent is claimed, its message is in Slack, its ts never recorded.
  await store.intents.claim({
    key: 'escalation:7:step:2',
    channelId: 'CREL',
    threadTs: null,
    searchFrom: new Date(Date.now() - 60_000),
    owner: 'dead',
    now: clock.now(),
    until: new Date(clock.now().getTime() + 120_000),
  });
  const meta = { event_type: POST_EVENT_TYPE, event_payload: { key: 'escalation:7:step:2' } };
  const dead = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
  const posted = await dead.chat.postMessage({ channel: 'CREL', text: 'Escalation #7', metadata: meta });
  // Messages after it: the look matches the key, not the latest message.
  fake.postAsUser({ channelId: 'CREL', userId: 'UALICE', text: 'someone else' });
  await poster().post({ key: 'other', channel: 'CREL', message: message('another post of the bot') });
  // While the dead try's hold lasts, nobody posts it.
  await expect(
    poster().post({ key: 'escalation:7:step:2', channel: 'CREL', message: message('Escalation #7') }),
  ).rejects.toMatchObject({
    code: 'in_flight',
    retryable: true,
    notBefore: new Date('2026-11-23T09:02:00Z'),
  });
  clock.advance(120_000);
  const adopted = await poster().post({
    key: 'escalation:7:step:2',
    channel: 'CREL',
    message: message('Escalation #7'),
  });
  expect(adopted).toEqual({ channelId: 'CREL', ts: posted.ts });
  expect(fake.messages('CREL').filter((m) => m.text === 'Escalation #7')).toHaveLength(1);
  expect(fake.callsTo('conversations.history').map((c) => c.params.include_all_metadata)).toEqual(['true']);
  // Recorded: asking once more needs no look.
  await poster().post({ key: 'escalation:7:step:2', channel: 'CREL', message: message('Escalation #7') });
  expect(fake.callsTo('conversations.history')).toHaveLength(1);
});

test('a thread reply whose answer was lost is looked for in the thread (conversations.replies), and adopted', async () => {
  const { fake, poster } = await setup();
  const parent = await poster().post({ key: 'standup:2:prompt', channel: 'CREL', message: message('Daily standup') });
  fake.loseNextAnswer('chat.postMessage', { as: 'http_500' });
  const reply = await poster().post({
    key: 'standup:2:reminder',
    channel: 'CREL',
    threadTs: parent.ts,
    message: message('Reminder: …'),
  });
  expect(fake.thread('CREL', parent.ts).map((m) => m.ts)).toEqual([reply.ts]);
  expect(fake.callsTo('conversations.replies')).toHaveLength(1);
});

test('an answer lost on every try: the post is given up as retryable, and the next try looks before posting', async () => {
  const { fake, poster } = await setup();
  for (let i = 0; i < 3; i += 1) fake.failNext('chat.postMessage', 'internal_error');
  const failed = await poster()
    .post({ key: 'risk-review:1:2026-11-23', channel: 'CREL', message: message('Weekly risk review') })
    .catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(PostFailed);
  expect(failed).toMatchObject({ code: 'internal_error', retryable: true });
  expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
  await poster().post({ key: 'risk-review:1:2026-11-23', channel: 'CREL', message: message('Weekly risk review') });
  expect(fake.messages('CREL')).toHaveLength(1);
  expect(fake.callsTo('conversations.history')).toHaveLength(3);
});

test('a refusal is final and says so: nothing retried, the claim given up at once', async () => {
  const { fake, poster } = await setup();
  const refused = await poster()
    .post({ key: 'retro:1:prompt', channel: 'COUT', message: message('Retrospective') })
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({ code: 'not_in_channel', retryable: false, needsInvite: true });
  expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  fake.addChannel({ id: 'COUT', name: 'outside' });
  // Not held: the next try posts at once (its look finds nothing).
  await expect(
    poster().post({ key: 'retro:1:prompt', channel: 'COUT', message: message('Retrospective') }),
  ).resolves.toMatchObject({
    channelId: 'COUT',
  });
});

test("a post with no key (a request's own) still never posts twice on a lost answer", async () => {
  const { fake, client, logger } = await setup();
  const poster = createSlackPoster({ client, logger, retryDelaysMs: [10, 20] });
  fake.loseNextAnswer('chat.postMessage', { as: 'drop' });
  await poster.post({ channel: 'CREL', message: message('created release 2.4.0') });
  expect(fake.messages('CREL')).toHaveLength(1);
  expect(fake.messages('CREL')[0]?.metadata).toMatchObject({ event_type: POST_EVENT_TYPE });
});

test('a look that fails posts nothing blind: the try gives up as retryable and the next one looks again', async () => {
  const { fake, poster } = await setup();
  fake.loseNextAnswer('chat.postMessage', { as: 'http_500' });
  fake.failNext('conversations.history', 'internal_error');
  const failed = await poster()
    .post({ key: 'poll:3:message', channel: 'CREL', message: message('Go/No-Go') })
    .catch((e: unknown) => e);
  expect(failed).toMatchObject({ code: 'internal_error', retryable: true });
  expect(fake.messages('CREL')).toHaveLength(1);
  const adopted = await poster().post({ key: 'poll:3:message', channel: 'CREL', message: message('Go/No-Go') });
  expect(adopted.ts).toBe(fake.messages('CREL')[0]?.ts);
  expect(fake.messages('CREL')).toHaveLength(1);
});

test('adopt finds a message posted by other means (a response_url) by its key, records it, and reads Slack once', async () => {
  const { fake, client, poster } = await setup();
  const since = new Date(Date.now() - 60_000);
  // Nothing carries the key yet: nothing to adopt, and nothing is posted.
  expect(await poster().adopt({ key: 'release:1:created', channel: 'CREL', since })).toBeUndefined();
  expect(fake.callsTo('chat.postMessage')).toHaveLength(0);

  await client.chat.postMessage({ channel: 'CREL', text: 'other', metadata: metadataOf('release:2:created') });
  const posted = await client.chat.postMessage({
    channel: 'CREL',
    text: 'Release 2.4.0 created',
    metadata: metadataOf('release:1:created'),
  });
  const adopted = await poster().adopt({ key: 'release:1:created', channel: 'CREL', since });
  expect(adopted).toEqual({ channelId: 'CREL', ts: posted.ts });
  const reads = fake.callsTo('conversations.history').length;
  // Recorded under the key: later calls, and a post of the same key, answer with it without reading or posting.
  expect(await poster().adopt({ key: 'release:1:created', channel: 'CREL', since })).toEqual(adopted);
  expect(await poster().post({ key: 'release:1:created', channel: 'CREL', message: message('again') })).toEqual(
    adopted,
  );
  expect(fake.callsTo('conversations.history')).toHaveLength(reads);
  expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
});

test('adopt where the bot cannot read the channel finds nothing; a key being posted elsewhere is retryable', async () => {
  const { store, clock, poster } = await setup();
  expect(await poster().adopt({ key: 'release:3:created', channel: 'COUT', since: new Date() })).toBeUndefined();
  await store.intents.claim({
    key: 'release:4:created',
    channelId: 'CREL',
    threadTs: null,
    searchFrom: new Date(),
    owner: 'another-try',
    now: clock.now(),
    until: new Date(clock.now().getTime() + 60_000),
  });
  const error = await poster()
    .adopt({ key: 'release:4:created', channel: 'CREL', since: new Date() })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PostFailed);
  expect((error as PostFailed).retryable).toBe(true);
});

function metadataOf(key: string) {
  return { event_type: POST_EVENT_TYPE, event_payload: { key } };
}
