import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementValue, interactiveElements, type UserValue } from '../support/fake-slack/element-values.ts';
import type { FakeSlack, ViewStateValues } from '../support/fake-slack/fake-slack.ts';
import type { Json } from '../support/fake-slack/workspace.ts';
import { RELEASE_CHANNEL, SANDBOX_CHANNELS, SANDBOX_PEOPLE } from './cast.ts';
import type { Sandbox } from './sandbox.ts';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const HOUR = 3_600_000;

export async function buildState(sandbox: Sandbox, userId: string, channelId: string, threadTs?: string) {
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
    files: (m.files ?? []).flatMap((id) => {
      const file = fake.files.find((f) => f.id === id);
      if (!file) return [];
      const name = encodeURIComponent(file.filename);
      return [
        {
          id,
          name: file.filename,
          title: file.title,
          altText: file.altText ?? '',
          isImage: /\.(png|jpe?g|gif)$/i.test(file.filename),
          size: file.bytes.length,
          url: `/api/file/${id}/${name}`,
          download: `/api/file/${id}/download/${name}`,
        },
      ];
    }),
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
  const upcoming = await sandbox.nextScheduled();
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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
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

export async function handle(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (req.method === 'GET' && !url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
  if (req.method === 'GET' && url.pathname.startsWith('/api/file/')) return serveFile(sandbox, url.pathname, res);
  try {
    if (req.method === 'GET' && url.pathname === '/api/state') {
      const userId = knownUser(sandbox, url.searchParams.get('user') ?? 'URM');
      const asked = url.searchParams.get('channel') ?? RELEASE_CHANNEL;
      // `dm`: the person's direct messages with the bot (Slack opens that conversation on demand).
      const channelId = asked === 'dm' ? sandbox.fake.dmChannelId(userId) : asked;
      if (!sandbox.fake.channel(channelId)) throw new BadRequest(`no such channel ${channelId}`);
      return sendJson(res, 200, await sandbox.state(userId, channelId, url.searchParams.get('thread') ?? undefined));
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

/**
 * An uploaded file, opened or downloaded from the page: fetched from the fake Slack's `url_private` with the bot's
 * token, as a Slack client would fetch it for a signed-in person.
 */
async function serveFile(sandbox: Sandbox, pathname: string, res: ServerResponse): Promise<void> {
  const rest = pathname.slice('/api/file/'.length);
  const answer = await fetch(`${sandbox.fake.apiUrl.replace(/\/api\/?$/, '')}/files/${rest}`, {
    headers: { authorization: `Bearer ${sandbox.fake.token}` },
  });
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'content-disposition']) {
    const value = answer.headers.get(name);
    if (value) headers[name] = value;
  }
  res.writeHead(answer.status, headers);
  res.end(Buffer.from(await answer.arrayBuffer()));
}
