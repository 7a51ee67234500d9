import { LogLevel, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { createSlackTransport } from '../../../src/platform/slack/transport.ts';
import { createSlackUploader, type UploadRequest } from '../../../src/platform/slack/upload-once.ts';
import { manualClock } from '../../helpers/clock.ts';
import { recordingLogger } from '../../helpers/deps.ts';
import { createTestStore } from '../../helpers/test-db.ts';
import { startFakeSlack } from '../../support/fake-slack/fake-slack.ts';

/** The uploader (src/platform/slack/upload-once.ts) with a real store and the real client, against the fake Slack. */
async function setup() {
  const fake = await startFakeSlack({ channels: [{ id: 'CREL', name: 'release' }] });
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
  const uploader = () => createSlackUploader({ client, logger, intents: store.intents, clock });
  const parent = await client.chat.postMessage({ channel: 'CREL', text: 'Risk report' });
  const request: UploadRequest = {
    key: 'risk-charts:1:1',
    channel: 'CREL',
    threadTs: String(parent.ts),
    files: [
      { filename: 'risk-heat-map-1-1.png', title: 'Heat map', altText: 'the cells', content: Buffer.from('heat') },
      { filename: 'risk-trend-1-1.png', title: 'Trend', altText: 'the points', content: Buffer.from('trend') },
    ],
  };
  return { fake, store, clock, uploader, request, parentTs: String(parent.ts) };
}

test('a keyed upload shares its files in the thread once, however often it is asked', async () => {
  const { fake, uploader, request, parentTs } = await setup();
  await uploader().upload(request);
  await uploader().upload(request);
  expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  expect(fake.thread('CREL', parentTs).filter((m) => m.files)).toHaveLength(1);
  expect(fake.files.map((f) => [f.filename, f.title, f.altText, f.content])).toEqual([
    ['risk-heat-map-1-1.png', 'Heat map', 'the cells', 'heat'],
    ['risk-trend-1-1.png', 'Trend', 'the points', 'trend'],
  ]);
});

test('a try whose answer was lost: the next finds the share by its file names instead of uploading again', async () => {
  const { fake, clock, uploader, request, parentTs } = await setup();
  fake.loseNextAnswer('files.completeUploadExternal', { as: 'http_500' });
  await expect(uploader().upload(request)).rejects.toMatchObject({ retryable: true });
  expect(fake.thread('CREL', parentTs).filter((m) => m.files)).toHaveLength(1); // Slack did share them
  clock.advance(1000);
  await uploader().upload(request);
  expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  expect(fake.callsTo('conversations.replies')).toHaveLength(1);
  expect(fake.thread('CREL', parentTs).filter((m) => m.files)).toHaveLength(1);
});

test('a try that died holding the upload: others wait for its hold, then look, and upload when nothing was shared', async () => {
  const { fake, store, clock, uploader, request, parentTs } = await setup();
  await store.intents.claim({
    key: String(request.key),
    channelId: 'CREL',
    threadTs: parentTs,
    searchFrom: new Date(Date.now() - 60_000),
    owner: 'dead',
    now: clock.now(),
    until: new Date(clock.now().getTime() + 120_000),
  });
  await expect(uploader().upload(request)).rejects.toMatchObject({ code: 'in_flight', retryable: true });
  clock.advance(120_000);
  await uploader().upload(request);
  expect(fake.callsTo('conversations.replies')).toHaveLength(1);
  expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
});

test('a refusal is final and not retryable; an upload without a key is its own', async () => {
  const { fake, uploader, request } = await setup();
  fake.failNext('files.getUploadURLExternal', 'missing_scope');
  await expect(uploader().upload(request)).rejects.toMatchObject({ code: 'missing_scope', retryable: false });
  const { key: _, ...once } = request;
  await uploader().upload(once);
  await uploader().upload(once);
  expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(2);
});
