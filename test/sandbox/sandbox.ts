/**
 * The sandbox: the REAL bot (`createReleaseBot`, HTTP mode, its own SQLite file) against the fake Slack Web API, and
 * a small web server for a Slack-like page. The page never talks to the bot: it asks this server, which sends the bot
 * signed requests exactly as Slack would (slash commands, block_actions, view_submission, app_home_opened) through
 * the fake's driver. Time is a travel clock the page can move forward; a tick loop runs the bot's jobs every second
 * and after every jump. This file is a composition root of its own: nothing in `src/` knows about it.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueApiToken } from '../../src/api/index.ts';
import { createReleaseBot, type ReleaseBot } from '../../src/bot.ts';
import { getReleaseSchedule } from '../../src/cadence/usecases/cadence-config.ts';
import { type LogLevelName, parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackDriver, type SlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { RELEASE_CHANNEL, SANDBOX_CHANNELS, SANDBOX_PEOPLE } from './cast.ts';
import { type TravelClock, travelClock } from './clock.ts';

import { buildState, handle, sendJson } from './page-api.ts';

const HOUR = 3_600_000;

export type SandboxOptions = {
  /** Port of the page; 0 picks a free one. Default 3000. */
  port?: number;
  host?: string;
  databasePath?: string;
  /** Start from an empty database (the chat history lives in memory and is gone after a restart anyway). */
  reset?: boolean;
  /** Create an example release with every role held, through signed commands as the Release Manager. */
  demo?: boolean;
  /** The sandbox's starting time (default: the real now). */
  start?: Date;
  logLevel?: LogLevelName;
  /** Where the bot's log lines go (default stderr). */
  log?: (line: string) => void;
  /** Run the bot's jobs every second (default true); tests may turn it off and call `tick()`. */
  tickEverySecond?: boolean;
};

export type CommandResult = { status: number; reply?: unknown; error?: string };

export type Sandbox = {
  url: string;
  /** The pipeline API on the bot's own port, and the sandbox's own token for #release (new on every start). */
  api: { url: string; token: string };
  port: number;
  fake: FakeSlack;
  bot: ReleaseBot;
  clock: TravelClock;
  driver: SlackDriver;
  banner: string | undefined;
  /** What a person types in the message box: `/release …` goes to the bot, anything else is a plain message. */
  send(input: { userId: string; channelId: string; text: string; threadTs?: string }): Promise<CommandResult>;
  /** Runs the bot's scheduled jobs once (serialized with the tick loop). */
  tick(): Promise<void>;
  /** Moves time forward and ticks: by `ms`, or to the next pending timer. */
  travel(input: { ms?: number; next?: boolean }): Promise<{ now: Date; reachedNothing?: boolean }>;
  nextScheduled(): Promise<{ at: Date; what: string } | undefined>;
  state(userId: string, channelId: string, threadTs?: string): Promise<SandboxState>;
  stop(): Promise<void>;
};

export type SandboxState = Awaited<ReturnType<typeof buildState>>;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const databasePath = options.databasePath ?? './data/sandbox.sqlite';
  if (options.reset || options.demo) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  }
  const clock = travelClock(options.start);
  const fake = await startFakeSlack({
    users: SANDBOX_PEOPLE,
    channels: SANDBOX_CHANNELS,
    now: () => clock.now().getTime(),
  });
  const signingSecret = randomBytes(16).toString('hex');
  const logLevel = options.logLevel ?? 'error';
  const config = parseConfig({
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: logLevel,
  });
  const logger = createLogger(logLevel, options.log);
  const bot = await createReleaseBot({ config, clock, logger, schedule: false, instanceId: 'sandbox' });
  const { port: botPort } = await bot.start();
  if (!botPort) throw new Error('the bot did not report its port');
  const driver = createSlackDriver({ fake, appUrl: `http://127.0.0.1:${botPort}/slack/events`, signingSecret });
  // The sandbox's own pipeline token for #release, issued as Rosa (the RM) and replaced on every start: only its
  // hash is kept, so last run's secret cannot be shown again.
  const issued = await issueApiToken(bot.deps, {
    teamId: fake.teamId,
    channelId: RELEASE_CHANNEL,
    name: 'sandbox',
    createdBy: 'URM',
    replacing: true,
  });
  if (!issued.ok) throw new Error(`the sandbox's API token: ${issued.message}`);

  let ticking: Promise<void> = Promise.resolve();
  const tick = () => {
    ticking = ticking.then(
      () => bot.tick(),
      () => bot.tick(),
    );
    return ticking;
  };
  const loop = options.tickEverySecond === false ? undefined : setInterval(() => void tick().catch(() => {}), 1000);

  /** The earliest thing the bot will do by itself: a durable timer, or a release's next standup or weekly review. */
  const nextScheduled = async () => {
    const now = clock.now().getTime();
    const timers = (await bot.store.timers.pending())
      .filter((t) => t.dueAt.getTime() > now - 1000)
      .map((t) => ({ at: t.dueAt, what: t.kind.replaceAll('_', ' ').replaceAll('.', ': ') }));
    const runs: Array<{ at: Date; what: string }> = [];
    for (const release of await bot.store.releases.listActive(fake.teamId)) {
      const { upcoming } = await getReleaseSchedule(bot.deps, release, 1);
      runs.push(...upcoming.map((o) => ({ at: o.at, what: o.job.replaceAll('_', ' ') })));
    }
    return [...timers, ...runs].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  };

  async function send({ userId, channelId, text, threadTs }: Parameters<Sandbox['send']>[0]) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('/')) {
      if (trimmed === '') return { status: 400, error: 'Type a message or `/release help`.' };
      fake.postAsUser({ channelId, userId, text: escapeForSlack(trimmed), ...(threadTs ? { threadTs } : {}) });
      return { status: 200 };
    }
    const [command = ''] = trimmed.split(/\s+/);
    if (command !== '/release') {
      return { status: 400, error: `${command} is not a valid command. This sandbox knows /release.` };
    }
    const argText = trimmed.slice(command.length).trim();
    // Slack sends mentions escaped (should_escape: true): `@rosa` typed in the box arrives as `<@URM|rosa>`.
    const escaped = escapeMentions(fake, argText);
    const sent = await driver.command({ userId, channelId, text: escaped });
    if (sent.status !== 200) {
      return { status: sent.status, error: `/release failed with the error "dispatch_failed" (HTTP ${sent.status})` };
    }
    // Wait briefly for the reply (or a modal) so the caller sees the outcome with the next poll.
    const reply = await fake
      .waitFor(
        () =>
          fake.responseUrlPosts.find((p) => p.url === sent.responseUrl) ??
          (fake.openViews(userId).length > 0 ? { body: undefined } : undefined),
        { timeoutMs: 3000 },
      )
      .catch(() => undefined);
    return { status: 200, reply: reply?.body };
  }

  async function travel({ ms, next }: { ms?: number; next?: boolean }) {
    if (next) {
      const upcoming = await nextScheduled();
      if (!upcoming) return { now: clock.now(), reachedNothing: true };
      clock.advanceTo(upcoming.at);
    } else {
      clock.advance(ms ?? 0);
    }
    await tick();
    return { now: clock.now() };
  }

  const demo = options.demo ? await runDemo({ send, clock }) : undefined;

  const sandbox: Sandbox = {
    url: '',
    port: 0,
    api: { url: `http://localhost:${botPort}/api/v1`, token: issued.secret },
    fake,
    bot,
    clock,
    driver,
    banner: demo,
    send,
    tick,
    travel,
    nextScheduled,
    state: (userId, channelId, threadTs) => buildState(sandbox, userId, channelId, threadTs),
    async stop() {
      if (loop) clearInterval(loop);
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await ticking.catch(() => undefined);
      await bot.stop();
      await fake.close();
    },
  };

  const server = createServer((req, res) => {
    handle(sandbox, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { error: message });
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  sandbox.port = port;
  sandbox.url = `http://localhost:${port}`;
  return sandbox;
}

/** `@name` (a sandbox user's handle) → `<@U…|name>`, `#channel` → `<#C…|channel>`, as the Slack client sends them. */
function escapeMentions(fake: FakeSlack, text: string): string {
  return (
    text
      // After a space, or an option's colon (`owner:@devi`), as Slack's composer turns a picked @name into a mention.
      .replace(/(^|\s|:)@([a-z0-9._-]+)/gi, (whole, lead: string, handle: string) => {
        const person = SANDBOX_PEOPLE.find((p) => p.name === handle.toLowerCase());
        return person ? `${lead}<@${person.id}|${person.name}>` : whole;
      })
      .replace(/(^|\s)#([a-z0-9._-]+)/gi, (whole, lead: string, name: string) => {
        const channel = SANDBOX_CHANNELS.find((c) => c.name === name.toLowerCase());
        return channel && fake.channel(channel.id) ? `${lead}<#${channel.id}|${channel.name}>` : whole;
      })
  );
}

function escapeForSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function isoDay(at: Date, plusDays: number): string {
  return new Date(at.getTime() + plusDays * 24 * HOUR).toISOString().slice(0, 10);
}

/** The first-run tour: Rosa (RM) creates a release and hands out the roles, as a person would type it. */
async function runDemo({ send, clock }: { send: Sandbox['send']; clock: TravelClock }): Promise<string> {
  const now = clock.now();
  const commands = [
    `/release create 2.4.0 target:${isoDay(now, 7)} window:${isoDay(now, 0)}..${isoDay(now, 9)} tz:Europe/Berlin`,
    '/release role rm @rosa',
    '/release role tech-lead @theo',
    '/release role qa @quinn',
    '/release role devops @devi',
    '/release role po @paula',
  ];
  for (const text of commands) {
    const result = await send({ userId: 'URM', channelId: RELEASE_CHANNEL, text });
    if (result.status !== 200) throw new Error(`demo: "${text}" failed: ${result.error ?? result.status}`);
  }
  return [
    'Welcome! Release 2.4.0 is set up in #release with every role held. Try a go/no-go in three clicks:',
    '1. As Rosa Martin (Release Manager) type `/release gonogo` in #release.',
    '2. Switch to Theo Lang (Tech Lead) and vote on the poll; then Quinn Adams (QA Lead), Devi Patel (DevOps).',
    '3. Use "Next scheduled thing" to jump to the poll\'s deadline and see the decision.',
  ].join('\n');
}
