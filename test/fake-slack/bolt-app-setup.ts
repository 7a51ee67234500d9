import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { onTestFinished } from 'vitest';
import { createSlackDriver } from '../support/fake-slack/driver.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

export const SECRET = 'test-signing-secret';
export const CHANNEL = 'CREL';
export const ALICE = 'UALICE';

/** A bare Bolt app on an ephemeral port, its Web API client pointed at the fake. */
export async function setup(register: (app: App) => void) {
  const fake = await startFakeSlack({
    users: [
      { id: ALICE, name: 'alice' },
      { id: 'UBOB', name: 'bob' },
    ],
    channels: [{ id: CHANNEL, name: 'releases', members: [ALICE, 'UBOT'] }],
  });
  onTestFinished(() => fake.close());
  const app = new App({
    token: fake.token,
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  register(app);
  const server = await app.start(0);
  onTestFinished(async () => {
    await app.stop();
  });
  const { port } = server.address() as AddressInfo;
  const driver = createSlackDriver({ fake, appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET });
  return { fake, app, driver };
}

export const voteButtons = [
  {
    type: 'actions',
    block_id: 'vote',
    elements: [
      { type: 'button', action_id: 'vote:go', text: { type: 'plain_text', text: 'Go' }, value: 'go' },
      { type: 'button', action_id: 'vote:no_go', text: { type: 'plain_text', text: 'No go' }, value: 'no_go' },
    ],
  },
];
