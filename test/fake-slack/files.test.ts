import { LogLevel, type WebAPIPlatformError, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

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

test('files.uploadV2 with content works end to end and shares the file in the channel', async () => {
  const { fake, client } = await setup();
  const result = await client.files.uploadV2({
    channel_id: 'CREL',
    content: 'risk,owner\nDB migration,alice\n',
    filename: 'risks.csv',
    title: 'Risk report',
    initial_comment: 'Here is the risk report',
  });
  expect(result.ok).toBe(true);
  const completion = (
    (result as unknown as { files: unknown }).files as Array<{ files: Array<{ id: string; title: string }> }>
  )[0];
  expect(completion?.files[0]).toMatchObject({ id: expect.stringMatching(/^F/), title: 'Risk report' });
  expect(fake.files).toEqual([
    expect.objectContaining({
      filename: 'risks.csv',
      title: 'Risk report',
      content: 'risk,owner\nDB migration,alice\n',
      channel: 'CREL',
      initialComment: 'Here is the risk report',
    }),
  ]);
  const [message] = fake.messages('CREL');
  expect(message).toMatchObject({ text: 'Here is the risk report', files: [completion?.files[0]?.id] });
  expect(fake.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
  expect(fake.callsTo('files.completeUploadExternal')[0]?.params.files).toEqual([
    { id: completion?.files[0]?.id, title: 'Risk report' },
  ]);
});

test('files.uploadV2 with a Buffer keeps the exact bytes; title defaults to the filename', async () => {
  const { fake, client } = await setup();
  const bytes = Buffer.from([0, 1, 2, 250, 255, 13, 10]);
  await client.files.uploadV2({ channel_id: 'CREL', file: bytes, filename: 'blob.bin' });
  expect(fake.files[0]?.bytes.equals(bytes)).toBe(true);
  expect(fake.files[0]?.title).toBe('blob.bin');
});

test('completing a file that was never uploaded is file_not_found; unknown channel is channel_not_found', async () => {
  const { client } = await setup();
  const { file_id } = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
  const error = await client.files
    .completeUploadExternal({ files: [{ id: String(file_id) }], channel_id: 'CREL' })
    .catch((e: unknown) => e);
  expect((error as WebAPIPlatformError).data.error).toBe('file_not_found');
  const missing = await client.files.uploadV2({ channel_id: 'CNOPE', content: 'x', filename: 'a.txt' }).catch((e) => e);
  expect((missing as WebAPIPlatformError).data.error).toBe('channel_not_found');
});

test('two images uploaded in one uploadV2 share one thread reply; history and replies carry the file objects', async () => {
  const { fake, client } = await setup();
  const parent = await client.chat.postMessage({ channel: 'CREL', text: 'Risk report' });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  await client.files.uploadV2({
    channel_id: 'CREL',
    thread_ts: String(parent.ts),
    file_uploads: [
      { file: png, filename: 'heat.png', title: 'Heat map', alt_text: 'cells and ids' },
      { file: png, filename: 'trend.png', title: 'Trend', alt_text: 'points' },
    ],
  });
  expect(fake.calls.map((c) => c.method)).toEqual([
    'chat.postMessage',
    'files.getUploadURLExternal',
    'files.getUploadURLExternal',
    'files.completeUploadExternal',
  ]);
  const replies = await client.conversations.replies({ channel: 'CREL', ts: String(parent.ts) });
  const share = replies.messages?.find((m) => m.files);
  expect(share?.thread_ts).toBe(parent.ts);
  expect(share?.files).toEqual([
    expect.objectContaining({ name: 'heat.png', title: 'Heat map', mimetype: 'image/png', alt_txt: 'cells and ids' }),
    expect.objectContaining({ name: 'trend.png', title: 'Trend', mimetype: 'image/png', filetype: 'png' }),
  ]);
  // The channel's history holds the parent only; the share is a thread reply.
  const history = await client.conversations.history({ channel: 'CREL' });
  expect(history.messages?.map((m) => m.ts)).toEqual([parent.ts]);
});

test('url_private serves the bytes to the bot token only; url_private_download as an attachment', async () => {
  const { fake, client } = await setup();
  const bytes = Buffer.from('# record\n');
  const result = await client.files.uploadV2({ channel_id: 'CREL', file: bytes, filename: 'record.md' });
  const file = ((result as unknown as { files: Array<{ files: Array<Record<string, string>> }> }).files[0]?.files ??
    [])[0];
  const url = String(file?.url_private);
  expect(url.startsWith(fake.apiUrl.replace(/\/api\/?$/, ''))).toBe(true);
  const authorised = await fetch(url, { headers: { authorization: `Bearer ${fake.token}` } });
  expect(authorised.status).toBe(200);
  expect(authorised.headers.get('content-type')).toBe('text/markdown');
  expect(Buffer.from(await authorised.arrayBuffer()).equals(bytes)).toBe(true);
  expect((await fetch(url)).status).toBe(403);
  const download = await fetch(String(file?.url_private_download), {
    headers: { authorization: `Bearer ${fake.token}` },
  });
  expect(download.headers.get('content-disposition')).toBe('attachment; filename="record.md"');
  expect((await fetch(`${url}x`, { headers: { authorization: `Bearer ${fake.token}` } })).status).toBe(404);
});
