/**
 * The baseline for the vote-latency bench: a Bolt app that only acknowledges, run in its own process exactly as the
 * bot runs in its own, so both are measured under the same conditions.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const token = process.env.SLACK_BOT_TOKEN ?? '';
const app = new App({
  token,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  receiver: new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events' }),
});
app.action(/.*/, async ({ ack }) => {
  await ack();
});
const server = (await app.start(0)) as unknown as { address: () => { port: number } };
console.error(`HTTP on port ${server.address().port}`);
process.on('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
