/**
 * The sandbox: the REAL bot (`createReleaseBot`, HTTP mode, its own SQLite file) against the fake Slack Web API, and
 * a small web server for a Slack-like page. The page never talks to the bot: it asks this server, which sends the bot
 * signed requests exactly as Slack would (slash commands, block_actions, view_submission, app_home_opened) through
 * the fake's driver. Time is a travel clock the page can move forward; a tick loop runs the bot's jobs every second
 * and after every jump. This file is a composition root of its own: nothing in `src/` knows about it.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReleaseBot, type ReleaseBot } from '../../src/bot.ts';
import { getReleaseSchedule } from '../../src/cadence/usecases/cadence-config.ts';
import { type LogLevelName, parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackDriver, type SlackDriver } from '../support/fake-slack/driver.ts';
import { elementValue, interactiveElements, type UserValue } from '../support/fake-slack/element-values.ts';
import { type FakeSlack, startFakeSlack, type ViewStateValues } from '../support/fake-slack/fake-slack.ts';
import type { Json } from '../support/fake-slack/workspace.ts';
import { RELEASE_CHANNEL, SANDBOX_CHANNELS, SANDBOX_PEOPLE } from './cast.ts';
import { type TravelClock, travelClock } from './clock.ts';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
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
  nextScheduled(): { at: Date; what: string } | undefined;
  state(userId: string, channelId: string, threadTs?: string): SandboxState;
  stop(): Promise<void>;
};

export type SandboxState = ReturnType<typeof buildState>;

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
  const nextScheduled = () => {
    const now = clock.now().getTime();
    const timers = bot.store.timers
      .pending()
      .filter((t) => t.dueAt.getTime() > now - 1000)
      .map((t) => ({ at: t.dueAt, what: t.kind.replaceAll('_', ' ').replaceAll('.', ': ') }));
    const runs = bot.store.releases
      .listActive(fake.teamId)
      .flatMap((release) =>
        getReleaseSchedule(bot.deps, release, 1).upcoming.map((o) => ({ at: o.at, what: o.job.replaceAll('_', ' ') })),
      );
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
      const upcoming = nextScheduled();
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
  return text
    .replace(/(^|\s)@([a-z0-9._-]+)/gi, (whole, lead: string, handle: string) => {
      const person = SANDBOX_PEOPLE.find((p) => p.name === handle.toLowerCase());
      return person ? `${lead}<@${person.id}|${person.name}>` : whole;
    })
    .replace(/(^|\s)#([a-z0-9._-]+)/gi, (whole, lead: string, name: string) => {
      const channel = SANDBOX_CHANNELS.find((c) => c.name === name.toLowerCase());
      return channel && fake.channel(channel.id) ? `${lead}<#${channel.id}|${channel.name}>` : whole;
    });
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

function buildState(sandbox: Sandbox, userId: string, channelId: string, threadTs?: string) {
  const { fake } = sandbox;
  const names = (id: string) => {
    const u = fake.user(id);
    return u ? { id, name: u.name, realName: u.realName ?? u.name, isBot: u.isBot === true } : undefined;
  };
  const ephemerals = fake.ephemerals({ userId, channelId });
  const toMessage = (m: ReturnType<FakeSlack['messages']>[number]) => ({
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks,
    replyCount: m.replyCount,
    threadTs: m.threadTs,
    edited: m.updates > 0,
  });
  const messages = [
    ...fake.messages(channelId).map(toMessage),
    ...ephemerals
      .filter((e) => !e.threadTs)
      .map((e) => ({ ts: e.ts, user: fake.botUserId, text: e.text, blocks: e.blocks, ephemeral: true })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  const thread = threadTs
    ? {
        root: fake.message(channelId, threadTs),
        replies: [
          ...fake.thread(channelId, threadTs).map(toMessage),
          ...ephemerals
            .filter((e) => e.threadTs === threadTs)
            .map((e) => ({ ts: e.ts, user: fake.botUserId, text: e.text, blocks: e.blocks, ephemeral: true })),
        ].sort((a, b) => Number(a.ts) - Number(b.ts)),
      }
    : undefined;
  const modals = fake.openViews(userId);
  const upcoming = sandbox.nextScheduled();
  const users = Object.fromEntries(
    [fake.botUserId, 'USLACKBOT', ...SANDBOX_PEOPLE.map((p) => p.id)].flatMap((id) => {
      const n = names(id);
      return n ? [[id, n]] : [];
    }),
  );
  return {
    now: sandbox.clock.now().toISOString(),
    me: userId,
    bot: { id: fake.botUserId, name: 'Release Bot' },
    people: SANDBOX_PEOPLE.map((p) => ({ id: p.id, name: p.name, realName: p.realName, plays: p.plays, tz: p.tz })),
    users,
    channels: SANDBOX_CHANNELS.map((c) => ({ id: c.id, name: c.name })),
    dm: fake.dmChannelId(userId),
    channel: channelId,
    messages,
    thread,
    modal: modals.at(-1),
    modalDepth: modals.length,
    home: fake.homeView(userId),
    nextScheduled: upcoming ? { at: upcoming.at.toISOString(), what: upcoming.what } : undefined,
    banner: sandbox.banner,
  };
}

// --- the page's HTTP API ---------------------------------------------------------------------------------------

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new Error('request too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
  return parsed as Record<string, unknown>;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function requireString(body: Record<string, unknown>, key: string): string {
  const value = str(body[key]);
  if (!value) throw new BadRequest(`${key} is required`);
  return value;
}

class BadRequest extends Error {}

function knownUser(sandbox: Sandbox, userId: string): string {
  if (!sandbox.fake.user(userId)) throw new BadRequest(`no such person ${userId}`);
  return userId;
}

async function handle(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (req.method === 'GET' && !url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
  try {
    if (req.method === 'GET' && url.pathname === '/api/state') {
      const userId = knownUser(sandbox, url.searchParams.get('user') ?? 'URM');
      const asked = url.searchParams.get('channel') ?? RELEASE_CHANNEL;
      // `dm`: the person's direct messages with the bot (Slack opens that conversation on demand).
      const channelId = asked === 'dm' ? sandbox.fake.dmChannelId(userId) : asked;
      if (!sandbox.fake.channel(channelId)) throw new BadRequest(`no such channel ${channelId}`);
      return sendJson(res, 200, sandbox.state(userId, channelId, url.searchParams.get('thread') ?? undefined));
    }
    if (req.method !== 'POST') return sendJson(res, 404, { error: 'not found' });
    const body = await readJson(req);
    const userId = body.user === undefined ? 'URM' : knownUser(sandbox, requireString(body, 'user'));
    switch (url.pathname) {
      case '/api/send': {
        const result = await sandbox.send({
          userId,
          channelId: requireString(body, 'channel'),
          text: String(body.text ?? ''),
          ...(str(body.threadTs) ? { threadTs: str(body.threadTs) } : {}),
        });
        return sendJson(res, result.error ? 400 : 200, result);
      }
      case '/api/action':
        return sendJson(res, 200, await act(sandbox, userId, body));
      case '/api/submit': {
        const viewId = requireString(body, 'viewId');
        const values = (body.values ?? {}) as Record<string, Record<string, UserValue>>;
        const submitted = await sandbox.driver.submitView({ userId, viewId, values });
        return sendJson(res, 200, { status: submitted.status, outcome: submitted.outcome });
      }
      case '/api/close':
        await sandbox.driver.closeView({ userId, viewId: requireString(body, 'viewId') });
        return sendJson(res, 200, { ok: true });
      case '/api/home': {
        const response = await sandbox.driver.openHome(userId);
        // The bot publishes the Home asynchronously after the ack: wait for the publish so the page shows it at once.
        await sandbox.fake
          .waitFor(() => sandbox.fake.callsTo('views.publish').some((c) => c.params.user_id === userId), {
            timeoutMs: 2000,
          })
          .catch(() => undefined);
        return sendJson(res, 200, { status: response.status });
      }
      case '/api/travel': {
        const ms = typeof body.ms === 'number' ? body.ms : undefined;
        if (ms !== undefined && (!Number.isFinite(ms) || ms < 0 || ms > 366 * 24 * HOUR)) {
          throw new BadRequest('ms must be between 0 and a year');
        }
        const moved = await sandbox.travel({ ms, next: body.next === true });
        return sendJson(res, 200, { now: moved.now.toISOString(), reachedNothing: moved.reachedNothing === true });
      }
      default:
        return sendJson(res, 404, { error: 'not found' });
    }
  } catch (error) {
    // The driver refuses what a user could not do on screen (a required field left empty, a button not there):
    // that is the person's mistake, shown on the page, not a server fault.
    const message = error instanceof Error ? error.message : String(error);
    const isUserError = error instanceof BadRequest || message.startsWith('fake-slack driver:');
    return sendJson(res, isUserError ? 400 : 500, { error: message.replace(/^fake-slack driver: /, '') });
  }
}

/** A click or a selection on a message, an ephemeral, a modal or the Home tab. */
async function act(sandbox: Sandbox, userId: string, body: Record<string, unknown>) {
  const { driver } = sandbox;
  const actionId = requireString(body, 'actionId');
  const isButton = body.kind === 'button';
  const value = str(body.value);
  const selected = (body.selected ?? null) as UserValue;
  const viewId = str(body.viewId);
  if (viewId) {
    if (body.values && typeof body.values === 'object') syncViewState(sandbox, viewId, body.values as FormValues);
    const response = isButton
      ? await driver.clickInView({ userId, viewId, actionId, ...(value ? { value } : {}) })
      : await driver.selectInView({ userId, viewId, actionId, value: selected });
    return { status: response.status };
  }
  const target = {
    userId,
    channelId: requireString(body, 'channel'),
    messageTs: requireString(body, 'ts'),
    ephemeral: body.ephemeral === true,
  };
  const response = isButton
    ? await driver.clickButton({ ...target, actionId, ...(value ? { value } : {}) })
    : await driver.selectOption({ ...target, actionId, value: selected });
  return { status: response.status };
}

type FormValues = Record<string, Record<string, UserValue>>;

/**
 * What the person has typed into a modal so far, put into the view's state before a block action from it, so the
 * app sees `view.state.values` as Slack's client reports it (a field changed since the last action included).
 */
function syncViewState(sandbox: Sandbox, viewId: string, values: FormValues): void {
  const view = sandbox.fake.view(viewId);
  if (!view) throw new BadRequest(`no view ${viewId}`);
  const state = structuredClone(((view.state ?? {}) as { values?: ViewStateValues }).values ?? {});
  for (const { blockId, element } of interactiveElements(view.blocks as Json[])) {
    const actionId = String(element.action_id);
    const given = values[blockId]?.[actionId];
    if (given === undefined) continue;
    state[blockId] = { ...state[blockId], [actionId]: elementValue(sandbox.fake, element, given) };
  }
  sandbox.fake.setViewState(viewId, state);
}

async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
  const name = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = resolve(PUBLIC_DIR, name);
  const type = CONTENT_TYPES[extname(file)];
  if (!file.startsWith(`${PUBLIC_DIR}/`) || !type) return sendJson(res, 404, { error: 'not found' });
  try {
    const content = await readFile(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(content);
  } catch {
    sendJson(res, 404, { error: 'not found' });
  }
}
