/**
 * The benchmarks' baseline: a bare Bolt app that only acknowledges (every action, view submission and command) and
 * answers `GET /healthz` 200, run under plain node in its own process, as `node dist/main.js` runs the bot. Plain
 * JavaScript, so that neither a loader nor a build weighs on it.
 */
import bolt from '@slack/bolt';

const { App, HTTPReceiver, LogLevel } = bolt;

const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? '',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  receiver: new HTTPReceiver({
    signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"status":"ready"}');
        },
      },
    ],
  }),
});
app.action(/.*/, async ({ ack }) => {
  await ack();
});
app.view(/.*/, async ({ ack }) => {
  await ack();
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
const server = await app.start(Number(process.env.PORT ?? 0));
console.error(`HTTP on port ${server.address().port}`);
process.on('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
