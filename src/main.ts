import { createReleaseBot } from './bot.ts';
import { ConfigError, describeDatabase, formatConfigError, parseConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** The entry point: the only module with side effects. */
async function main(): Promise<void> {
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
  let bot: Awaited<ReturnType<typeof createReleaseBot>>;
  try {
    bot = await createReleaseBot({ config, logger });
  } catch (error) {
    // Most often the database: PostgreSQL not reachable yet. One line, no stack trace; a supervisor restarts us.
    const reason = error instanceof Error ? error.message : String(error);
    logger.error(`release-bot could not start: ${reason} (database ${describeDatabase(config)})`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received; finishing in-flight work`);
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  try {
    const { port } = await bot.start();
    const mode = config.slack.appToken ? 'Socket Mode' : `HTTP on port ${port}, POST /slack/events`;
    logger.info(`release-bot is running (${mode}); database ${describeDatabase(config)}`);
  } catch (error) {
    logger.error(`release-bot could not start: ${error instanceof Error ? error.message : String(error)}`);
    await bot.stop().catch(() => undefined);
    process.exit(1);
  }
}

await main();
