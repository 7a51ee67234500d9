/**
 * Messages and ephemerals in the fake workspace: storing, threading, lookup, and the two output shapes
 * (the Web API's `message` object, and the `FakeMessage` that tests read).
 */
import { isJsonObject } from './block-kit-objects.ts';
import type { FakeEphemeral, FakeMessage } from './fake-slack.ts';
import { toSlackFile } from './files.ts';
import {
  type EphemeralRecord,
  type Json,
  type MessageRecord,
  nextTs,
  randomShortId,
  type Workspace,
} from './workspace.ts';

export type NewMessage = {
  channel: string;
  user: string;
  botId?: string;
  text: string;
  blocks: Json[];
  attachments?: unknown[];
  metadata?: unknown;
  files?: string[];
  threadTs?: string;
  broadcast?: boolean;
};

/** Slack fills in a `block_id` for every block and an `action_id` for every interactive element that lacks one. */
export function fillBlockIds(blocks: Json[]): Json[] {
  return structuredClone(blocks).map((block) => {
    if (block.block_id === undefined) block.block_id = randomShortId();
    const elements = [
      ...(Array.isArray(block.elements) && block.type === 'actions' ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const element of elements) {
      if (isJsonObject(element) && element.type !== 'image' && element.action_id === undefined) {
        element.action_id = randomShortId();
      }
    }
    return block;
  });
}

export function storeMessage(ws: Workspace, input: NewMessage): MessageRecord {
  const record: MessageRecord = {
    ts: nextTs(ws),
    channel: input.channel,
    user: input.user,
    botId: input.botId,
    text: input.text,
    blocks: fillBlockIds(input.blocks),
    attachments: input.attachments,
    metadata: input.metadata,
    files: input.files,
    threadTs: input.threadTs,
    replyCount: 0,
    replyUsers: [],
    broadcast: input.broadcast ?? false,
    edited: false,
    updates: 0,
    deleted: false,
  };
  const list = ws.messages.get(input.channel) ?? [];
  list.push(record);
  ws.messages.set(input.channel, list);
  if (input.threadTs) {
    const parent = findMessage(ws, input.channel, input.threadTs);
    if (parent) {
      parent.threadTs = parent.ts;
      parent.replyCount += 1;
      parent.latestReply = record.ts;
      if (!parent.replyUsers.includes(record.user)) parent.replyUsers.push(record.user);
    }
  }
  return record;
}

export function findMessage(ws: Workspace, channel: string, ts: string): MessageRecord | undefined {
  return ws.messages.get(channel)?.find((m) => m.ts === ts && !m.deleted);
}

/** The thread root for a `thread_ts` parameter: a reply's ts resolves to its parent. */
export function findThreadRoot(ws: Workspace, channel: string, threadTs: string): MessageRecord | undefined {
  const message = findMessage(ws, channel, threadTs);
  if (!message) return undefined;
  if (message.threadTs && message.threadTs !== message.ts) return findMessage(ws, channel, message.threadTs);
  return message;
}

export function isTopLevel(message: MessageRecord): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts || message.broadcast;
}

export function deleteMessage(ws: Workspace, message: MessageRecord): void {
  message.deleted = true;
  if (message.threadTs && message.threadTs !== message.ts) {
    const parent = findMessage(ws, message.channel, message.threadTs);
    if (parent) parent.replyCount = Math.max(0, parent.replyCount - 1);
  }
}

export function topLevelMessages(ws: Workspace, channel: string): MessageRecord[] {
  return (ws.messages.get(channel) ?? []).filter((m) => !m.deleted && isTopLevel(m));
}

export function threadReplies(ws: Workspace, channel: string, threadTs: string): MessageRecord[] {
  return (ws.messages.get(channel) ?? []).filter((m) => !m.deleted && m.threadTs === threadTs && m.ts !== threadTs);
}

export function storeEphemeral(
  ws: Workspace,
  input: Omit<EphemeralRecord, 'ts' | 'deleted' | 'blocks'> & { blocks: Json[] },
): EphemeralRecord {
  const record: EphemeralRecord = { ...input, blocks: fillBlockIds(input.blocks), ts: nextTs(ws), deleted: false };
  ws.ephemerals.push(record);
  return record;
}

export function findEphemeral(ws: Workspace, channel: string, ts: string): EphemeralRecord | undefined {
  return ws.ephemerals.find((e) => e.channel === channel && e.ts === ts && !e.deleted);
}

/**
 * The `message` object as Web API responses and interaction payloads carry it. The reading methods
 * (`conversations.history`, `conversations.replies`) leave the metadata out unless asked with `include_all_metadata`.
 */
export function toSlackMessage(ws: Workspace, m: MessageRecord, options: { metadata?: boolean } = {}): Json {
  const message: Json = {
    type: 'message',
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: ws.teamId,
    blocks: structuredClone(m.blocks),
  };
  if (m.botId) {
    message.bot_id = m.botId;
    message.app_id = ws.appId;
    message.bot_profile = {
      id: m.botId,
      app_id: ws.appId,
      name: ws.users.get(m.user)?.name ?? 'bot',
      team_id: ws.teamId,
      deleted: false,
      icons: {},
    };
  }
  if (m.attachments) message.attachments = structuredClone(m.attachments);
  if (m.metadata && options.metadata !== false) message.metadata = structuredClone(m.metadata);
  if (m.files) {
    message.files = m.files.flatMap((id) => {
      const file = ws.files.get(id);
      return file ? [toSlackFile(ws, file)] : [];
    });
  }
  if (m.threadTs) {
    message.thread_ts = m.threadTs;
    if (m.threadTs === m.ts) {
      message.reply_count = m.replyCount;
      message.reply_users = [...m.replyUsers];
      message.reply_users_count = m.replyUsers.length;
      if (m.latestReply) message.latest_reply = m.latestReply;
    } else {
      message.parent_user_id = findMessage(ws, m.channel, m.threadTs)?.user;
    }
  }
  if (m.broadcast) message.subtype = 'thread_broadcast';
  if (m.edited) message.edited = { user: m.user, ts: m.ts };
  return message;
}

export function toFakeMessage(m: MessageRecord): FakeMessage {
  const message: FakeMessage = {
    ts: m.ts,
    channel: m.channel,
    user: m.user,
    text: m.text,
    blocks: structuredClone(m.blocks),
    replyCount: m.replyCount,
    edited: m.edited,
    updates: m.updates,
  };
  if (m.botId) message.botId = m.botId;
  if (m.threadTs) message.threadTs = m.threadTs;
  if (m.files) message.files = [...m.files];
  if (m.attachments) message.attachments = structuredClone(m.attachments);
  if (m.metadata) message.metadata = structuredClone(m.metadata);
  return message;
}

export function toFakeEphemeral(e: EphemeralRecord): FakeEphemeral {
  const ephemeral: FakeEphemeral = {
    ts: e.ts,
    channel: e.channel,
    user: e.user,
    text: e.text,
    blocks: structuredClone(e.blocks),
    source: e.source,
  };
  if (e.threadTs) ephemeral.threadTs = e.threadTs;
  return ephemeral;
}

/** A message `ts` (or an `oldest`/`latest` bound) in microseconds, for ordering; undefined when it is not one. */
export function tsMicros(ts: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) return undefined;
  return BigInt(match[1] as string) * 1_000_000n + BigInt((match[2] ?? '').padEnd(6, '0') || '0');
}
