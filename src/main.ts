import { createReleaseBot } from './bot.ts';
import { ConfigError, describeDatabase, formatConfigError, parseConfig } from './config.ts';
import { createLogger, createStreamSink } from './logger.ts';
import { tokenRefusal } from './platform/slack/token-refusal.ts';
import { DatabaseOpenError } from './platform/store/database.ts';

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
  const logger = createLogger(config.logLevel, createStreamSink(process.stderr));
  // Nothing of the bot's writes to stdout, but a closed stdout must not become an uncaught exception either.
  process.stdout.on('error', () => undefined);
  // A request must never take the process down: log whatever escaped every handler and keep serving. Listeners and
  // the receiver catch their own errors; this is the last line for a callback nothing awaited.
  process.on('unhandledRejection', (reason) =>
    logger.error('an unhandled promise rejection (the bot goes on)', reason),
  );
  process.on('uncaughtException', (error) => logger.error('an uncaught exception (the bot goes on)', error));
  let bot: Awaited<ReturnType<typeof createReleaseBot>>;
  try {
    bot = await createReleaseBot({ config, logger });
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      // A wrong path is the operator's to fix, like a missing variable: one line, exit 2, no stack trace.
      console.error(`release-bot cannot start: DATABASE_PATH ${error.path} ${error.reason}.`);
      process.exit(2);
    }
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
    const refused = tokenRefusal(error);
    if (refused) {
      // The operator's to fix, like a missing variable: one line and exit 2, not a restart that can only fail again.
      const which = config.slack.appToken ? 'SLACK_BOT_TOKEN or SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
      logger.error(
        `release-bot cannot start: Slack refused ${which} (${refused}). Check the token and that the app is still installed in the workspace.`,
      );
    } else {
      logger.error(`release-bot could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    await bot.stop().catch(() => undefined);
    process.exit(refused ? 2 : 1);
  }
}

await main();
