/**
 * conversations.info, conversations.members, conversations.join, conversations.open, and the reading methods
 * conversations.history and conversations.replies.
 */
import { findThreadRoot, isTopLevel, threadReplies, toSlackMessage, tsMicros } from '../messages.ts';
import {
  type ChannelRecord,
  channelMembers,
  findChannelForBot,
  isMember,
  type Json,
  type MessageRecord,
  openDm,
  openMpim,
  type Workspace,
} from '../workspace.ts';
import { bool, fail, type MethodHandler, ok, type Params, paginate, str } from './method.ts';

export function toSlackChannel(ws: Workspace, channel: ChannelRecord, params: Params = {}): Json {
  if (channel.isIm) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.imUser,
      is_user_deleted: ws.users.get(channel.imUser ?? '')?.deleted ?? false,
      priority: 0,
      is_open: true,
    };
  }
  const empty = { value: '', creator: '', last_set: 0 };
  const info: Json = {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    created: channel.created,
    creator: ws.botUserId,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate && !channel.isMpim,
    is_im: false,
    is_mpim: channel.isMpim,
    is_private: channel.isPrivate,
    is_archived: false,
    is_general: false,
    is_member: isMember(ws, channel, ws.botUserId),
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    is_read_only: false,
    unlinked: 0,
    topic: empty,
    purpose: empty,
    previous_names: [],
  };
  if (bool(params, 'include_num_members')) info.num_members = channelMembers(ws, channel).length;
  return info;
}

export const info: MethodHandler = (ws, params) => {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  return ok({ channel: toSlackChannel(ws, channel, params) });
};

export const members: MethodHandler = (ws, params) => {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const page = paginate(channelMembers(ws, channel), params);
  if (!page.ok) return page.result;
  return ok({ members: page.items, response_metadata: { next_cursor: page.nextCursor } });
};

export const join: MethodHandler = (ws, params) => {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  if (channel.isPrivate) return fail('method_not_supported_for_channel_type');
  if (isMember(ws, channel, ws.botUserId)) {
    return ok({
      channel: toSlackChannel(ws, channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    });
  }
  channel.members?.push(ws.botUserId);
  return ok({ channel: toSlackChannel(ws, channel) });
};

export const open: MethodHandler = (ws, params) => {
  const channelParam = str(params, 'channel');
  if (channelParam) {
    const channel = findChannelForBot(ws, channelParam);
    if (!channel) return fail('channel_not_found');
    return ok({ no_op: true, already_open: true, channel: { id: channel.id } });
  }
  const userIds = (str(params, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '' && u !== ws.botUserId);
  if (userIds.length === 0) return fail('users_list_not_supplied');
  if (userIds.length > 8) return fail('too_many_users');
  for (const userId of userIds) {
    const user = ws.users.get(userId);
    if (!user) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
    if (user.isBot && userIds.length === 1) return fail('cannot_dm_bot');
  }
  const [only] = userIds;
  if (userIds.length === 1 && only !== undefined) {
    const existed = ws.dmByUser.has(only);
    const channel = openDm(ws, only);
    return ok({ ...(existed ? { no_op: true, already_open: true } : {}), channel: { id: channel.id } });
  }
  return ok({ channel: { id: openMpim(ws, userIds).id } });
};

type Window = { ok: true; accepts: (m: MessageRecord) => boolean } | { ok: false; result: Json };

/**
 * The `oldest` / `latest` / `inclusive` filter of the reading methods: bounds are exclusive unless `inclusive`;
 * `oldest` defaults to the beginning, `latest` to now (every message, since the fake's ts never run ahead of now).
 */
function timeWindow(params: Params): Window {
  const bounds: Partial<Record<'oldest' | 'latest', bigint>> = {};
  for (const key of ['oldest', 'latest'] as const) {
    const raw = str(params, key);
    if (raw === undefined || raw === '') continue;
    const micros = tsMicros(raw);
    if (micros === undefined) return { ok: false, result: fail(`invalid_ts_${key}`) };
    bounds[key] = micros;
  }
  const inclusive = bool(params, 'inclusive');
  return {
    ok: true,
    accepts: (m) => {
      const at = tsMicros(m.ts) as bigint;
      const { oldest, latest } = bounds;
      if (oldest !== undefined && (inclusive ? at < oldest : at <= oldest)) return false;
      if (latest !== undefined && (inclusive ? at > latest : at >= latest)) return false;
      return true;
    },
  };
}

/** The channel a reading method may read: the bot must see it and, for a channel, be a member of it. */
function readable(ws: Workspace, params: Params): { ok: true; channel: ChannelRecord } | { ok: false; result: Json } {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return { ok: false, result: fail('channel_not_found') };
  if (!isMember(ws, channel, ws.botUserId)) return { ok: false, result: fail('not_in_channel') };
  return { ok: true, channel };
}

/**
 * conversations.history: the channel's messages (thread replies only when broadcast), newest first, paginated by
 * cursor; message metadata only with `include_all_metadata`.
 */
export const history: MethodHandler = (ws, params) => {
  const target = readable(ws, params);
  if (!target.ok) return target.result;
  const window = timeWindow(params);
  if (!window.ok) return window.result;
  const messages = (ws.messages.get(target.channel.id) ?? [])
    .filter((m) => !m.deleted && isTopLevel(m) && window.accepts(m))
    .reverse();
  const page = paginate(messages, params);
  if (!page.ok) return page.result;
  const metadata = bool(params, 'include_all_metadata');
  return ok({
    messages: page.items.map((m) => toSlackMessage(ws, m, { metadata })),
    has_more: page.nextCursor !== '',
    pin_count: 0,
    response_metadata: { next_cursor: page.nextCursor },
  });
};

/**
 * conversations.replies: a thread, its parent first and then the replies oldest first (the window filters the
 * replies); `ts` may name the parent or any reply. Paginated by cursor like history.
 */
export const replies: MethodHandler = (ws, params) => {
  const target = readable(ws, params);
  if (!target.ok) return target.result;
  const ts = str(params, 'ts');
  if (!ts) return fail('invalid_arguments');
  const window = timeWindow(params);
  if (!window.ok) return window.result;
  const root = findThreadRoot(ws, target.channel.id, ts);
  if (!root) return fail('thread_not_found');
  const thread = [root, ...threadReplies(ws, target.channel.id, root.ts).filter(window.accepts)];
  const page = paginate(thread, params, 1000);
  if (!page.ok) return page.result;
  const metadata = bool(params, 'include_all_metadata');
  return ok({
    messages: page.items.map((m) => toSlackMessage(ws, m, { metadata })),
    has_more: page.nextCursor !== '',
    response_metadata: { next_cursor: page.nextCursor },
  });
};
