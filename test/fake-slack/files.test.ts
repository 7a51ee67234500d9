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
