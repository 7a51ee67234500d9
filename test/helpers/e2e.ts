import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createReleaseBot, type ReleaseBot } from '../../src/bot.ts';
import { type Config, parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackDriver, type SlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeSlack, type FakeUser, startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { type ManualClock, manualClock } from './clock.ts';
import { CAST, CHANNEL } from './people.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const OTHER_CHANNEL = 'C0OTHER';

/** The standard cast as Slack users, so users.info answers for them. */
export const FAKE_USERS: FakeUser[] = Object.values(CAST)
  .filter((p) => p.id !== 'USLACKBOT')
  .map((p) => ({
    id: p.id,
    name: p.name,
    realName: p.name,
    isBot: p.isBot,
    isAppUser: p.isAppUser,
    deleted: p.deleted,
    tz: p.timeZone ?? 'UTC',
  }));

export type TestBot = {
  fake: FakeSlack;
  config: Config;
  logger: ReturnType<typeof createLogger>;
  driver: SlackDriver;
  bot: ReleaseBot;
  clock: ManualClock;
  databasePath: string;
  port: number;
  /** Sends `/release <text>` as `userId` and waits for the bot's reply on the response_url. */
  command: (userId: string, text: string, channelId?: string) => Promise<CommandOutcome>;
  /** Stops the bot as SIGTERM would and starts a new one on the same database and fake Slack. */
  restart: () => Promise<void>;
  /** Runs the scheduled jobs once at the clock's time. */
  tick: () => Promise<void>;
  /** The bot's log lines at warn and error (what an operator would read). */
  log: string[];
};

export type CommandOutcome = {
  status: number;
  ackMs: number;
  reply: { text: string; blocks?: unknown[]; response_type?: string; [key: string]: unknown } | undefined;
  /** The reply's text and block text joined, for simple "contains" assertions. */
  visible: string;
};

export function visibleText(message: { text?: string; blocks?: unknown[] } | undefined): string {
  if (!message) return '';
  return [message.text ?? '', JSON.stringify(message.blocks ?? [])].join('\n');
}

/**
 * The real bot, the real Bolt HTTP receiver and the real Web API client against the fake Slack over HTTP, with the
 * database in a real SQLite file. Everything is torn down when the test ends.
 */
export async function startTestBot(
  options: {
    now?: string;
    channelPostIntervalMs?: number;
    enforceChannelPostRate?: boolean;
    /** How long one Web API request may take (production: 10 s). */
    slackTimeoutMs?: number;
    /** Back-off before a lost answer is looked into and tried again (production: 1 s, 3 s). */
    slackRetryDelaysMs?: readonly number[];
    /** How often a held gate `wait` reads the database (default 1 s); a long one shows the hooks answer it. */
    gatePollMs?: number;
    /** How long changes are gathered before App Homes are published again (default 500 ms). */
    homeRefreshDelayMs?: number;
    /** Receives the bot's log lines from `info` up (default: errors only, dropped). */
    log?: (line: string) => void;
    /** More configuration, as environment variables (`GITHUB_WEBHOOK_SECRET`). */
    env?: Record<string, string>;
  } = {},
): Promise<TestBot> {
  const fake = await startFakeSlack({
    enforceChannelPostRate: options.enforceChannelPostRate ?? false,
    users: FAKE_USERS,
    channels: [
      { id: CHANNEL, name: 'release' },
      { id: OTHER_CHANNEL, name: 'other' },
      { id: 'C0MGMT', name: 'eng-managers' },
      { id: 'C0EXEC', name: 'executives' },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-e2e-'));
  const databasePath = join(dir, 'bot.sqlite');
  const clock = manualClock(options.now ?? '2026-11-23T09:00:00Z');
  const config = parseConfig({
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const log: string[] = [];
  const logger = createLogger(options.log ? 'info' : 'warn', (line) => {
    log.push(line);
    options.log?.(line);
  });

  const boot = async () => {
    const bot = await createReleaseBot({
      config,
      clock,
      logger,
      schedule: false,
      // Posts to one channel are paced a second apart in production; tests keep them quick unless they test pacing.
      channelPostIntervalMs: options.channelPostIntervalMs ?? 0,
      ...(options.slackTimeoutMs === undefined ? {} : { slackTimeoutMs: options.slackTimeoutMs }),
      // Retries after a lost answer come quickly in tests; their number is production's.
      slackRetryDelaysMs: options.slackRetryDelaysMs ?? [20, 60],
      ...(options.gatePollMs !== undefined ? { gatePollMs: options.gatePollMs } : {}),
      ...(options.homeRefreshDelayMs !== undefined ? { homeRefreshDelayMs: options.homeRefreshDelayMs } : {}),
      // A poll's message is updated at most once a second in production; tests that click several times in a row
      // keep to the quicker pace they were written for.
      pollRenderIntervalMs: 250,
    });
    const { port } = await bot.start();
    if (!port) throw new Error('the bot did not report its port');
    return { bot, port };
  };

  let current = await boot();
  const harness: TestBot = {
    fake,
    config,
    logger,
    clock,
    databasePath,
    bot: current.bot,
    port: current.port,
    driver: createSlackDriver({
      fake,
      appUrl: `http://127.0.0.1:${current.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
    }),
    async command(userId, text, channelId = CHANNEL) {
      const started = performance.now();
      const sent = await harness.driver.command({ userId, channelId, text });
      const ackMs = performance.now() - started;
      const post = await fake
        .waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
          timeoutMs: 3000,
        })
        .catch(() => undefined);
      const reply = post?.body as CommandOutcome['reply'];
      return { status: sent.status, ackMs, reply, visible: visibleText(reply) };
    },
    async restart() {
      await current.bot.stop();
      current = await boot();
      harness.bot = current.bot;
      harness.port = current.port;
      harness.driver = createSlackDriver({
        fake,
        appUrl: `http://127.0.0.1:${current.port}/slack/events`,
        signingSecret: SIGNING_SECRET,
      });
    },
    tick: () => harness.bot.tick(),
    log,
  };
  onTestFinished(async () => {
    await harness.bot.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return harness;
}

/** A release in the standard channel with every role held by the standard cast, made through the commands. */
export async function createStaffedRelease(t: TestBot, name = '2.4.0'): Promise<void> {
  const created = await t.command(CAST.rm.id, `create ${name} target:2026-12-10 window:2026-12-01..2026-12-12`);
  if (created.reply?.response_type !== 'in_channel') throw new Error(`create failed: ${created.visible}`);
  for (const [role, who] of [
    ['rm', CAST.rm.id],
    ['tech-lead', CAST.tech.id],
    ['qa', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['po', CAST.po.id],
  ] as const) {
    const result = await t.command(CAST.rm.id, `role ${role} <@${who}>`);
    if (result.reply?.response_type !== 'in_channel') throw new Error(`role ${role} failed: ${result.visible}`);
  }
}
