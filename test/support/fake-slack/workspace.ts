/**
 * The fake workspace's state: users, channels (incl. DMs), messages, ephemerals, views, files, user groups,
 * trigger ids and response URLs, plus the id and `ts` generators. Plain data + small functions; the Web API
 * methods (methods/*.ts) and the public FakeSlack object (fake-slack.ts) operate on it.
 */
import { randomBytes } from 'node:crypto';
import type { FakeChannel, FakeSlackOptions, FakeUser } from './fake-slack.ts';

export type Json = Record<string, unknown>;

export type ChannelRecord = {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isMpim: boolean;
  /** Explicit member list; `undefined` means "every active user of the workspace". */
  members: string[] | undefined;
  /** For DMs: the human on the other side. */
  imUser?: string;
  created: number;
};

export type MessageRecord = {
  ts: string;
  channel: string;
  user: string;
  botId?: string;
  text: string;
  blocks: Json[];
  attachments?: unknown[];
  metadata?: unknown;
  files?: string[];
  threadTs?: string;
  replyCount: number;
  replyUsers: string[];
  latestReply?: string;
  broadcast: boolean;
  edited: boolean;
  updates: number;
  deleted: boolean;
};

export type EphemeralRecord = {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: Json[];
  threadTs?: string;
  source: 'postEphemeral' | 'response_url';
  deleted: boolean;
};

export type ViewRecord = {
  /** The view object exactly as the Web API returns it. */
  view: Json;
  userId: string;
  open: boolean;
};

export type FileRecord = {
  id: string;
  filename: string;
  length: number;
  title?: string;
  altText?: string;
  snippetType?: string;
  content?: Buffer;
  completed: boolean;
  channel?: string;
  threadTs?: string;
  initialComment?: string;
  messageTs?: string;
};

export type TriggerRecord = { userId: string; issuedAt: number; used: boolean; fromView: boolean };

export type ResponseUrlContext = { channelId: string; userId: string; messageTs?: string; isEphemeral?: boolean };
export type ResponseUrlRecord = { id: string; ctx: ResponseUrlContext; issuedAt: number; uses: number };

export type Workspace = {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  token: string;
  baseUrl: string;
  now: () => number;
  users: Map<string, FakeUser>;
  channels: Map<string, ChannelRecord>;
  dmByUser: Map<string, string>;
  messages: Map<string, MessageRecord[]>;
  ephemerals: EphemeralRecord[];
  views: Map<string, ViewRecord>;
  modalStacks: Map<string, string[]>;
  homeViews: Map<string, string>;
  files: Map<string, FileRecord>;
  usergroups: Map<string, { id: string; handle: string; users: string[] }>;
  triggers: Map<string, TriggerRecord>;
  responseUrls: Map<string, ResponseUrlRecord>;
  counters: Map<string, number>;
  lastTsMicros: number;
};

export function createWorkspace(options: FakeSlackOptions): Workspace {
  const ws: Workspace = {
    teamId: options.teamId ?? 'T0TEAM',
    teamDomain: 'fake',
    botUserId: options.botUserId ?? 'UBOT',
    botId: options.botId ?? 'BBOT',
    appId: options.appId ?? 'A0APP',
    token: options.token ?? 'xoxb-test-token',
    baseUrl: '',
    now: options.now ?? Date.now,
    users: new Map(),
    channels: new Map(),
    dmByUser: new Map(),
    messages: new Map(),
    ephemerals: [],
    views: new Map(),
    modalStacks: new Map(),
    homeViews: new Map(),
    files: new Map(),
    usergroups: new Map(),
    triggers: new Map(),
    responseUrls: new Map(),
    counters: new Map(),
    lastTsMicros: 0,
  };
  addUser(ws, { id: ws.botUserId, name: 'release-bot', realName: 'Release Bot', isBot: true });
  addUser(ws, { id: 'USLACKBOT', name: 'slackbot', realName: 'Slackbot' });
  for (const user of options.users ?? []) addUser(ws, user);
  for (const channel of options.channels ?? []) addChannel(ws, channel);
  return ws;
}

export function addUser(ws: Workspace, user: FakeUser): void {
  ws.users.set(user.id, { ...user });
}

export function addChannel(ws: Workspace, channel: FakeChannel): void {
  ws.channels.set(channel.id, {
    id: channel.id,
    name: channel.name,
    isPrivate: channel.isPrivate ?? false,
    isIm: channel.isIm ?? false,
    isMpim: false,
    members: channel.members ? [...channel.members] : undefined,
    created: Math.floor(ws.now() / 1000),
  });
}

/** Sequential id with a Slack-looking prefix, e.g. `nextId(ws, 'D')` → `D0000000001`. */
export function nextId(ws: Workspace, prefix: string): string {
  const n = (ws.counters.get(prefix) ?? 0) + 1;
  ws.counters.set(prefix, n);
  return `${prefix}${String(n).padStart(10, '0')}`;
}

/** Random short id like the block_id/action_id Slack fills in (`hspI`, `maBWU`). */
export function randomShortId(): string {
  return randomBytes(4).toString('base64url').slice(0, 5);
}

/** A message timestamp: unique and strictly increasing, `<seconds>.<6 digits>`. */
export function nextTs(ws: Workspace): string {
  const micros = Math.max(ws.now() * 1000, ws.lastTsMicros + 1);
  ws.lastTsMicros = micros;
  const seconds = Math.floor(micros / 1_000_000);
  return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export function channelMembers(ws: Workspace, channel: ChannelRecord): string[] {
  if (channel.members) return channel.members;
  return [...ws.users.values()].filter((u) => !u.deleted && u.id !== 'USLACKBOT').map((u) => u.id);
}

export function isMember(ws: Workspace, channel: ChannelRecord, userId: string): boolean {
  return channelMembers(ws, channel).includes(userId);
}

/** Private channels (and DMs) the bot is not in do not exist as far as the bot token can tell. */
export function findChannelForBot(ws: Workspace, channelId: string): ChannelRecord | undefined {
  const channel = ws.channels.get(channelId);
  if (!channel) return undefined;
  if ((channel.isPrivate || channel.isIm || channel.isMpim) && !isMember(ws, channel, ws.botUserId)) return undefined;
  return channel;
}

/** The DM channel between the bot and a user, created on demand. */
export function openDm(ws: Workspace, userId: string): ChannelRecord {
  const existing = ws.dmByUser.get(userId);
  if (existing) {
    const channel = ws.channels.get(existing);
    if (channel) return channel;
  }
  const id = nextId(ws, 'D');
  const channel: ChannelRecord = {
    id,
    name: userId,
    isPrivate: true,
    isIm: true,
    isMpim: false,
    members: [userId, ws.botUserId],
    imUser: userId,
    created: Math.floor(ws.now() / 1000),
  };
  ws.channels.set(id, channel);
  ws.dmByUser.set(userId, id);
  return channel;
}

export function openMpim(ws: Workspace, userIds: string[]): ChannelRecord {
  const members = [...new Set([...userIds, ws.botUserId])].sort();
  for (const channel of ws.channels.values()) {
    if (channel.isMpim && channel.members?.join(',') === members.join(',')) return channel;
  }
  const id = nextId(ws, 'G');
  const names = members.map((m) => ws.users.get(m)?.name ?? m);
  const channel: ChannelRecord = {
    id,
    name: `mpdm-${names.join('--')}-1`,
    isPrivate: true,
    isIm: false,
    isMpim: true,
    members,
    created: Math.floor(ws.now() / 1000),
  };
  ws.channels.set(id, channel);
  return channel;
}

/** The conversation id a `channel` param points at, without side effects (no DM is opened). */
export function peekChannelId(ws: Workspace, channel: string): string | undefined {
  if (/^[UW]/.test(channel)) return ws.dmByUser.get(channel);
  if (ws.channels.has(channel)) return channel;
  return [...ws.channels.values()].find((c) => !c.isIm && c.name === channel.replace(/^#/, ''))?.id;
}

export type ChannelTarget =
  | { ok: true; channel: ChannelRecord }
  | { ok: false; error: 'channel_not_found' | 'cannot_dm_bot' | 'user_disabled' };

/**
 * Resolves a `channel` parameter as chat.postMessage does: a conversation id, a channel name (`#releases` or
 * `releases`), or a user id (→ that user's DM).
 */
export function resolveChannelParam(ws: Workspace, channel: string): ChannelTarget {
  const byName = [...ws.channels.values()].find((c) => !c.isIm && c.name === channel.replace(/^#/, ''));
  if (!ws.channels.has(channel) && byName) {
    const visible = findChannelForBot(ws, byName.id);
    return visible ? { ok: true, channel: visible } : { ok: false, error: 'channel_not_found' };
  }
  if (/^[UW]/.test(channel)) {
    const user = ws.users.get(channel);
    if (!user) return { ok: false, error: 'channel_not_found' };
    if (user.isBot && user.id !== ws.botUserId) return { ok: false, error: 'cannot_dm_bot' };
    if (user.deleted) return { ok: false, error: 'user_disabled' };
    return { ok: true, channel: openDm(ws, user.id) };
  }
  const found = findChannelForBot(ws, channel);
  return found ? { ok: true, channel: found } : { ok: false, error: 'channel_not_found' };
}
