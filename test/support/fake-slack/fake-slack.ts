/**
 * A faithful in-process fake of Slack for end-to-end tests: a Web API server for `@slack/web-api` (point
 * `slackApiUrl` at `fake.apiUrl`), response URLs, file uploads, and the state tests assert on (messages,
 * ephemerals, modal stacks, Home tabs, files, every recorded call). Use `createSlackDriver` (driver.ts) to send
 * the app signed requests as Slack does.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { validateView } from './block-kit.ts';
import { createFaults, type LostAnswer, queueFailure, queueHang, queueLostAnswer, queueRateLimit } from './faults.ts';
import {
  findMessage,
  storeMessage,
  threadReplies,
  toFakeEphemeral,
  toFakeMessage,
  topLevelMessages,
} from './messages.ts';
import { type AckOutcome, applySubmissionAck, closeAll, closeTop, findOpenView, stackOf } from './modals.ts';
import { createFakeSlackServer } from './server.ts';
import {
  addChannel,
  addUser,
  channelMembers,
  createWorkspace,
  type EphemeralRecord,
  type Json,
  openDm,
  type ResponseUrlContext,
} from './workspace.ts';

export type FakeUser = {
  id: string;
  name: string;
  realName?: string;
  isBot?: boolean;
  isAppUser?: boolean;
  deleted?: boolean;
  tz?: string;
  isWorkflowBot?: boolean;
  /** Workspace admin, owner and primary owner, as `users.info` reports them (a primary owner is an owner and admin). */
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
};

export type FakeChannel = { id: string; name: string; isPrivate?: boolean; isIm?: boolean; members?: string[] };

export type FakeSlackOptions = {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  token?: string;
  users?: FakeUser[];
  channels?: FakeChannel[];
  /** chat.postMessage to one channel at most once per second (HTTP 429, `Retry-After: 1`). */
  enforceChannelPostRate?: boolean;
  /** Clock for message ts, trigger/response_url expiry and the post rate; defaults to `Date.now`. */
  now?: () => number;
};

export type RecordedCall = {
  method: string;
  params: Record<string, unknown>;
  at: Date;
  ok: boolean;
  error?: string;
  /** HTTP status of the answer; 0 when none was sent. */
  status: number;
  /** Set when the caller did not get the method's answer: an injected 500 or drop, or it hung up during a hang. */
  answer?: LostAnswer | 'abandoned';
};

export type FakeMessage = {
  ts: string;
  channel: string;
  user: string;
  botId?: string;
  text: string;
  blocks: Json[];
  threadTs?: string;
  replyCount: number;
  edited?: boolean;
  updates: number;
  files?: string[];
  attachments?: unknown[];
  metadata?: unknown;
};

/** An ephemeral as the person it was for saw it. */
export type FakeEphemeral = Omit<EphemeralRecord, 'deleted'>;

export type FakeFile = {
  id: string;
  filename: string;
  title: string;
  content: string;
  bytes: Buffer;
  altText?: string;
  channel?: string;
  threadTs?: string;
  initialComment?: string;
  messageTs?: string;
};

export type ResponseUrlPost = {
  url: string;
  body: unknown;
  status: number;
  at: Date;
  action?: 'in_channel' | 'ephemeral' | 'replaced' | 'deleted';
  errors?: string[];
};

/** A view object exactly as the Web API returns it (`id`, `hash`, `state`, `blocks`, …). */
export type FakeView = Json;
export type ViewStateValues = Record<string, Record<string, Json>>;
export type WaitForOptions = { timeoutMs?: number; intervalMs?: number };
type Falsy<T> = T | undefined | false | null;

export type FakeSlack = {
  url: string;
  apiUrl: string;
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  token: string;
  addUser(user: FakeUser): void;
  addChannel(channel: FakeChannel): void;
  /** Someone removes a member (the bot, say) from a channel, as `/remove` or conversations.kick does. */
  removeFromChannel(channelId: string, userId: string): void;
  addUsergroup(id: string, handle: string, userIds: string[]): void;
  user(userId: string): FakeUser | undefined;
  /** A conversation with its resolved member list (DMs included). */
  channel(channelId: string): (Required<Omit<FakeChannel, 'members'>> & { members: string[] }) | undefined;
  /** The bot's DM channel with a user, opened on demand (as Slack does when the user opens the app). */
  dmChannelId(userId: string): string;
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  messages(channelId: string): FakeMessage[];
  thread(channelId: string, threadTs: string): FakeMessage[];
  message(channelId: string, ts: string): FakeMessage | undefined;
  ephemerals(filter?: { userId?: string; channelId?: string }): FakeEphemeral[];
  /** Seeds a message written by a person (not the bot), e.g. a thread the app later replies to. */
  postAsUser(input: { channelId: string; userId: string; text: string; blocks?: Json[]; threadTs?: string }): string;
  openViews(userId: string): FakeView[];
  view(viewId: string): FakeView | undefined;
  isViewOpen(viewId: string): boolean;
  homeView(userId: string): FakeView | undefined;
  readonly files: FakeFile[];
  readonly responseUrlPosts: ResponseUrlPost[];
  /** The next call (to `channel`, when given) is refused with `{ok:false, error}` and changes nothing. */
  failNext(method: string, error: string, options?: { channel?: string }): void;
  /** The next `times` calls (to `channel`, when given) answer HTTP 429 with `Retry-After` and change nothing. */
  rateLimitNext(method: string, options: { retryAfterSeconds: number; times?: number; channel?: string }): void;
  /**
   * The next call (to `channel`, when given) takes effect, but its answer is lost: an HTTP 500 with no JSON, or the
   * connection closed with no answer at all. What a caller sees when Slack posts but the network fails it.
   */
  loseNextAnswer(method: string, options: { as: LostAnswer; channel?: string }): void;
  /** The next call (to `channel`, when given) is held `ms` before Slack acts on it; if the caller hangs up first, nothing happens. */
  hangNext(method: string, options: { ms: number; channel?: string }): void;
  /** A trigger id for views.open/push: single use, valid 3 s. `fromView`: issued by an interaction in a modal. */
  newTriggerId(userId: string, options?: { fromView?: boolean }): string;
  newResponseUrl(ctx: ResponseUrlContext): string;
  /** Sets what the user has entered in a view (the driver does this before view_submission / block_actions). */
  setViewState(viewId: string, values: ViewStateValues): void;
  /** Applies a view_submission ack to the user's modal stack, as the Slack client does. */
  applyViewSubmissionAck(userId: string, viewId: string, ack: unknown): AckOutcome;
  /** The user dismisses the top modal (`clear`: the whole stack, as `clear_on_close` does). */
  closeView(userId: string, options?: { clear?: boolean }): void;
  waitFor<T>(fn: () => Falsy<T> | Promise<Falsy<T>>, options?: WaitForOptions): Promise<T>;
  /** Forgets recorded calls and response_url posts (state is kept). */
  reset(): void;
  close(): Promise<void>;
};

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const ws = createWorkspace(options);
  const faults = createFaults();
  const calls: RecordedCall[] = [];
  const responseUrlPosts: ResponseUrlPost[] = [];
  const server = createFakeSlackServer({
    ws,
    faults,
    calls,
    responseUrlPosts,
    enforceChannelPostRate: options.enforceChannelPostRate ?? false,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  ws.baseUrl = url;

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    teamId: ws.teamId,
    teamDomain: ws.teamDomain,
    botUserId: ws.botUserId,
    botId: ws.botId,
    appId: ws.appId,
    token: ws.token,
    addUser: (user) => addUser(ws, user),
    addChannel: (channel) => addChannel(ws, channel),
    removeFromChannel: (channelId, userId) => {
      const channel = ws.channels.get(channelId);
      if (!channel) throw new Error(`fake-slack: no channel ${channelId}`);
      channel.members = channelMembers(ws, channel).filter((id) => id !== userId);
    },
    addUsergroup: (id, handle, userIds) => {
      ws.usergroups.set(id, { id, handle, users: [...userIds] });
    },
    user: (userId) => {
      const user = ws.users.get(userId);
      return user ? { ...user } : undefined;
    },
    channel: (channelId) => {
      const c = ws.channels.get(channelId);
      if (!c) return undefined;
      return { id: c.id, name: c.name, isPrivate: c.isPrivate, isIm: c.isIm, members: [...channelMembers(ws, c)] };
    },
    dmChannelId: (userId) => openDm(ws, userId).id,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messages: (channelId) => topLevelMessages(ws, channelId).map(toFakeMessage),
    thread: (channelId, threadTs) => threadReplies(ws, channelId, threadTs).map(toFakeMessage),
    message: (channelId, ts) => {
      const m = findMessage(ws, channelId, ts);
      return m ? toFakeMessage(m) : undefined;
    },
    ephemerals: (filter = {}) =>
      ws.ephemerals
        .filter((e) => !e.deleted)
        .filter((e) => filter.userId === undefined || e.user === filter.userId)
        .filter((e) => filter.channelId === undefined || e.channel === filter.channelId)
        .map(toFakeEphemeral),
    postAsUser: ({ channelId, userId, text, blocks = [], threadTs }) =>
      storeMessage(ws, { channel: channelId, user: userId, text, blocks, threadTs }).ts,
    openViews: (userId) =>
      stackOf(ws, userId).flatMap((id) => {
        const view = ws.views.get(id)?.view;
        return view ? [structuredClone(view)] : [];
      }),
    view: (viewId) => {
      const view = ws.views.get(viewId)?.view;
      return view ? structuredClone(view) : undefined;
    },
    isViewOpen: (viewId) => findOpenView(ws, viewId) !== undefined,
    homeView: (userId) => {
      const id = ws.homeViews.get(userId);
      const view = id ? ws.views.get(id)?.view : undefined;
      return view ? structuredClone(view) : undefined;
    },
    get files() {
      return [...ws.files.values()]
        .filter((f) => f.completed)
        .map((f) => {
          const bytes = f.content ?? Buffer.alloc(0);
          const file: FakeFile = {
            id: f.id,
            filename: f.filename,
            title: f.title ?? f.filename,
            content: bytes.toString('utf8'),
            bytes,
          };
          if (f.altText) file.altText = f.altText;
          if (f.channel) file.channel = f.channel;
          if (f.threadTs) file.threadTs = f.threadTs;
          if (f.initialComment !== undefined) file.initialComment = f.initialComment;
          if (f.messageTs) file.messageTs = f.messageTs;
          return file;
        });
    },
    responseUrlPosts,
    failNext: (method, error, { channel } = {}) => queueFailure(faults, method, error, channel),
    rateLimitNext: (method, { retryAfterSeconds, times = 1, channel }) =>
      queueRateLimit(faults, method, retryAfterSeconds, times, channel),
    loseNextAnswer: (method, { as, channel }) => queueLostAnswer(faults, method, as, channel),
    hangNext: (method, { ms, channel }) => queueHang(faults, method, ms, channel),
    newTriggerId: (userId, { fromView = false } = {}) => {
      const id = `${Math.floor(ws.now() / 1000)}.${ws.triggers.size + 1}.${randomBytes(10).toString('hex')}`;
      ws.triggers.set(id, { userId, issuedAt: ws.now(), used: false, fromView });
      return id;
    },
    newResponseUrl: (ctx) => {
      const id = randomBytes(12).toString('base64url');
      ws.responseUrls.set(id, { id, ctx: { ...ctx }, issuedAt: ws.now(), uses: 0 });
      return `${url}/response/${id}`;
    },
    setViewState: (viewId, values) => {
      const record = ws.views.get(viewId);
      if (!record) throw new Error(`fake-slack: no view ${viewId}`);
      record.view.state = { values: structuredClone(values) };
    },
    applyViewSubmissionAck: (userId, viewId, ack) =>
      applySubmissionAck(ws, userId, viewId, ack, (view) => validateView(view, 'modal')),
    closeView: (userId, { clear = false } = {}) => (clear ? closeAll(ws, userId) : closeTop(ws, userId)),
    waitFor: (fn, waitOptions) => waitFor(fn, waitOptions),
    reset: () => {
      calls.length = 0;
      responseUrlPosts.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return fake;
}

/**
 * Polls `fn` every ~10 ms until it returns (or resolves to) a truthy value, which it resolves to; throws after
 * `timeoutMs`. `fn` may be async, for conditions read from the bot's store.
 */
export async function waitFor<T>(
  fn: () => Falsy<T> | Promise<Falsy<T>>,
  { timeoutMs = 2_000, intervalMs = 10 }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for: ${fn.toString()}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
