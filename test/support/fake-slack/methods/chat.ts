/** chat.postMessage, chat.update, chat.delete, chat.postEphemeral, chat.getPermalink (slack-platform.md §5.4). */
import {
  deleteMessage,
  fillBlockIds,
  findMessage,
  findThreadRoot,
  storeEphemeral,
  storeMessage,
  toSlackMessage,
} from '../messages.ts';
import { findChannelForBot, isMember, type Json, resolveChannelParam, type Workspace } from '../workspace.ts';
import { bool, fail, type MethodHandler, ok, type Params, readMessageBlocks, str } from './method.ts';

const MAX_POSTED_TEXT = 40_000;
const MAX_UPDATED_TEXT = 4_000;
const MAX_ATTACHMENTS = 100;

function attachmentsOf(params: Params): unknown[] | undefined {
  return Array.isArray(params.attachments) ? params.attachments : undefined;
}

/**
 * Message metadata (`metadata`): `{ event_type, event_payload }`, an alphanumeric (and `_`) event type and an object
 * payload, else `invalid_metadata_format`. Absent is fine; `null` clears nothing.
 */
export function readMetadata(params: Params): { ok: true; metadata: unknown } | { ok: false; result: Json } {
  const raw = params.metadata;
  if (raw === undefined || raw === null || raw === '') return { ok: true, metadata: undefined };
  const valid =
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    typeof (raw as { event_type?: unknown }).event_type === 'string' &&
    /^[A-Za-z0-9_.-]{1,255}$/.test((raw as { event_type: string }).event_type) &&
    typeof (raw as { event_payload?: unknown }).event_payload === 'object' &&
    (raw as { event_payload?: unknown }).event_payload !== null &&
    !Array.isArray((raw as { event_payload?: unknown }).event_payload);
  return valid ? { ok: true, metadata: raw } : { ok: false, result: fail('invalid_metadata_format') };
}

export const postMessage: MethodHandler = (ws, params) => {
  const target = resolveChannelParam(ws, str(params, 'channel') ?? '');
  if (!target.ok) return fail(target.error);
  const blocks = readMessageBlocks(params);
  if (!blocks.ok) return blocks.result;
  const text = str(params, 'text') ?? '';
  const markdown = str(params, 'markdown_text');
  const attachments = attachmentsOf(params);
  if (markdown !== undefined && (text !== '' || blocks.blocks !== undefined)) return fail('markdown_text_conflict');
  if (text === '' && !blocks.blocks?.length && !attachments?.length && !markdown) return fail('no_text');
  if (attachments && attachments.length > MAX_ATTACHMENTS) return fail('too_many_attachments');
  const metadata = readMetadata(params);
  if (!metadata.ok) return metadata.result;
  // A bot posts only where it is a member (without chat:write.public): a public channel it left answers not_in_channel.
  if (!isMember(ws, target.channel, ws.botUserId)) return fail('not_in_channel');
  const channel = target.channel.id;
  let threadTs: string | undefined;
  const threadParam = str(params, 'thread_ts');
  if (threadParam) {
    const root = findThreadRoot(ws, channel, threadParam);
    if (!root) return fail('thread_not_found');
    threadTs = root.ts;
  }
  const record = storeMessage(ws, {
    channel,
    user: ws.botUserId,
    botId: ws.botId,
    text: (markdown ?? text).slice(0, MAX_POSTED_TEXT),
    blocks: blocks.blocks ?? [],
    attachments,
    metadata: metadata.metadata,
    threadTs,
    broadcast: threadTs !== undefined && bool(params, 'reply_broadcast'),
  });
  return ok({ channel, ts: record.ts, message: toSlackMessage(ws, record) });
};

export const update: MethodHandler = (ws, params) => {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const message = findMessage(ws, channel.id, str(params, 'ts') ?? '');
  if (!message) return fail('message_not_found');
  if (message.user !== ws.botUserId) return fail('cant_update_message');
  const text = str(params, 'text');
  if (text !== undefined && text.length > MAX_UPDATED_TEXT) return fail('msg_too_long');
  const blocks = readMessageBlocks(params);
  if (!blocks.ok) return blocks.result;
  const attachments = attachmentsOf(params);
  if (text === undefined && blocks.blocks === undefined && attachments === undefined) return fail('no_text');
  const metadata = readMetadata(params);
  if (!metadata.ok) return metadata.result;
  if (text !== undefined) message.text = text;
  if (blocks.blocks !== undefined) message.blocks = fillBlockIds(blocks.blocks);
  if (attachments !== undefined) message.attachments = attachments;
  // Slack keeps a message's metadata when an update does not send any.
  if (metadata.metadata !== undefined) message.metadata = metadata.metadata;
  message.edited = true;
  message.updates += 1;
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: toSlackMessage(ws, message) });
};

export const chatDelete: MethodHandler = (ws, params) => {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const message = findMessage(ws, channel.id, str(params, 'ts') ?? '');
  if (!message) return fail('message_not_found');
  if (message.user !== ws.botUserId) return fail('cant_delete_message');
  deleteMessage(ws, message);
  return ok({ channel: channel.id, ts: message.ts });
};

export const postEphemeral: MethodHandler = (ws, params) => {
  const target = resolveChannelParam(ws, str(params, 'channel') ?? '');
  if (!target.ok) return fail(target.error);
  const userId = str(params, 'user') ?? '';
  if (!ws.users.has(userId) || !isMember(ws, target.channel, userId)) return fail('user_not_in_channel');
  const blocks = readMessageBlocks(params);
  if (!blocks.ok) return blocks.result;
  const text = str(params, 'text') ?? '';
  if (text === '' && !blocks.blocks?.length && !attachmentsOf(params)?.length) return fail('no_text');
  const record = storeEphemeral(ws, {
    channel: target.channel.id,
    user: userId,
    text,
    blocks: blocks.blocks ?? [],
    threadTs: str(params, 'thread_ts'),
    source: 'postEphemeral',
  });
  return ok({ message_ts: record.ts });
};

export const getPermalink: MethodHandler = (ws, params) => {
  const channel = findChannelForBot(ws, str(params, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const message = findMessage(ws, channel.id, str(params, 'message_ts') ?? '');
  if (!message) return fail('message_not_found');
  return ok({ channel: channel.id, permalink: permalink(ws, channel.id, message.ts, message.threadTs) });
};

export function permalink(ws: Workspace, channel: string, ts: string, threadTs?: string): string {
  const base = `https://${ws.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}
