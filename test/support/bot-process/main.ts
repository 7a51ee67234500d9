/**
 * A test composition root for process tests (kill -9, replicas): the real bot, built by `createReleaseBot` as
 * `npm start` builds it, but with the clock a test moves. `TEST_CLOCK_FILE` names a file holding an ISO instant,
 * read on every `now()` (the test replaces it atomically), so several processes share one clock. The scheduled jobs
 * run every `TEST_TICK_MS` (default 200 ms) instead of every 5 s. `npm start` (src/main.ts) never reads these.
 */
import { readFileSync } from 'node:fs';
import { createReleaseBot } from '../../../src/bot.ts';
import { ConfigError, formatConfigError, parseConfig } from '../../../src/config.ts';
import type { Clock } from '../../../src/core/ports.ts';
import { createLogger } from '../../../src/logger.ts';

const clockFile = process.env.TEST_CLOCK_FILE;
if (!clockFile) {
  console.error('TEST_CLOCK_FILE is missing: the test names the file that holds the clock');
  process.exit(2);
}
const clock: Clock = {
  now: () => {
    const at = new Date(readFileSync(clockFile, 'utf8').trim());
    if (Number.isNaN(at.getTime())) throw new Error(`${clockFile} does not hold an instant`);
    return at;
  },
};

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(formatConfigError(error));
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
const bot = await createReleaseBot({
  config,
  clock,
  logger,
  schedule: false,
  ...(process.env.TEST_INSTANCE ? { instanceId: process.env.TEST_INSTANCE } : {}),
  channelPostIntervalMs: 0,
  slackRetryDelaysMs: [50, 150],
});
const { port } = await bot.start();
logger.info(`release-bot is running (HTTP on port ${port}, POST /slack/events); test clock ${clockFile}`);

let ticking = false;
const tick = setInterval(
  () => {
    if (ticking) return;
    ticking = true;
    bot
      .tick()
      .catch((error: unknown) => logger.error('tick failed', error))
      .finally(() => {
        ticking = false;
      });
  },
  Number(process.env.TEST_TICK_MS ?? 200),
);

const shutdown = () => {
  clearInterval(tick);
  bot.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
