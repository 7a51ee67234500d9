/**
 * The benchmarks' baseline: a bare Bolt app that only acknowledges (every action, view submission and command) and
 * answers `GET /healthz` 200, run under plain node in its own process, as `node dist/main.js` runs the bot. Plain
 * JavaScript, so that neither a loader nor a build weighs on it.
 *
 * `BARE_FLOOR=1` makes it the floor instead: what any app that records a click durably must do at the least, with
 * nothing of the bot's. After the ack, each request is one SQLite insert, committed on its own (WAL, `synchronous =
 * NORMAL`, the bot's settings), and a No-Go click also opens a small modal (`views.open`, Bolt's own client), as the
 * bot's opens the note modal. Not a target: a measure of how much of the bot's cost any durable app pays.
 */
import bolt from '@slack/bolt';
import Database from 'better-sqlite3';

const { App, HTTPReceiver, LogLevel } = bolt;
const floor = process.env.BARE_FLOOR === '1';

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

/** One row per request, in its own commit; undefined when not the floor. */
const record = (() => {
  if (!floor) return undefined;
  const db = new Database(`${process.env.DATABASE_PATH ?? 'bench.sqlite'}.floor`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 250');
  db.exec(
    'CREATE TABLE IF NOT EXISTS clicks (key TEXT PRIMARY KEY, user_id TEXT NOT NULL, value TEXT, at INTEGER NOT NULL)',
  );
  const insert = db.prepare('INSERT OR IGNORE INTO clicks (key, user_id, value, at) VALUES (?, ?, ?, ?)');
  let sequence = 0;
  return (userId, value) => insert.run(`${Date.now()}:${sequence++}`, userId, value ?? null, Date.now());
})();

const NOTE_MODAL = {
  type: 'modal',
  callback_id: 'floor_note',
  title: { type: 'plain_text', text: 'Why No-Go?' },
  submit: { type: 'plain_text', text: 'Vote' },
  blocks: [
    {
      type: 'input',
      block_id: 'note',
      label: { type: 'plain_text', text: 'Reason' },
      element: { type: 'plain_text_input', action_id: 'value', multiline: true },
    },
  ],
};

app.action(/.*/, async ({ ack, body, action, client }) => {
  await ack();
  if (!record) return;
  record(body.user.id, action.value);
  if (action.action_id === 'poll_vote_no_go') {
    await client.views.open({ trigger_id: body.trigger_id, view: NOTE_MODAL }).catch(() => undefined);
  }
});
app.view(/.*/, async ({ ack, body }) => {
  await ack();
  record?.(body.user.id, body.view.id);
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
const server = await app.start(Number(process.env.PORT ?? 0));
console.error(`HTTP on port ${server.address().port}`);
process.on('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
