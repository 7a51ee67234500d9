/**
 * `npm run sandbox [-- --demo] [--port 3000] [--reset]`: the whole bot in a browser, without a Slack workspace.
 * Starts the fake Slack, the real bot (its own SQLite file ./data/sandbox.sqlite) and the page, and prints the address.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    demo: { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    [
      'npm run sandbox -- [--demo] [--reset] [--port <n>] [--db <file>]',
      '  --demo   start over with an example release 2.4.0 and every role held, and a tour banner',
      '  --reset  start over with an empty database',
      "  --port   the page's port (default 3000, or SANDBOX_PORT)",
      '  --db     the SQLite file (default ./data/sandbox.sqlite)',
    ].join('\n'),
  );
  process.exit(0);
}

const portText = values.port ?? process.env.SANDBOX_PORT ?? '3000';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number such as 3000, not "${portText}"`);
  process.exit(2);
}

try {
  const sandbox = await startSandbox({
    port,
    demo: values.demo,
    reset: values.reset,
    ...(values.db ? { databasePath: values.db } : {}),
  });
  console.log(`release-bot sandbox is running: open ${sandbox.url}`);
  if (values.demo) console.log('Demo: release 2.4.0 is set up in #release; the page shows the tour.');
  console.log(
    [
      'Pipeline API: the sandbox has its own token for #release (a new one on every start):',
      `  export RELEASE_BOT_TOKEN=${sandbox.api.token}`,
      `  curl -H "Authorization: Bearer $RELEASE_BOT_TOKEN" ${sandbox.api.url}/releases/current/gate`,
      `  (the endpoints: ${sandbox.api.url}/openapi.json; with no release yet, create one in #release first)`,
    ].join('\n'),
  );
  const shutdown = () => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('EADDRINUSE')) {
    console.error(`Port ${port} is taken. Try: npm run sandbox -- --port ${port + 1}`);
  } else {
    console.error(`The sandbox could not start: ${message}`);
  }
  process.exit(1);
}
