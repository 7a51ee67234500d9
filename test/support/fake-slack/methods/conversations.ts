/** conversations.info, conversations.members, conversations.join, conversations.open. */
import {
  type ChannelRecord,
  channelMembers,
  findChannelForBot,
  isMember,
  type Json,
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
