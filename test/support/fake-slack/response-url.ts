/**
 * What a POST to a `response_url` does (slack-platform.md §2–3): `in_channel` posts a message, `replace_original`
 * / `delete_original` change the source message (or ephemeral), anything else is an ephemeral for the user.
 * At most 5 uses within 30 minutes.
 */
import { validateBlocks } from './block-kit.ts';
import { isJsonObject } from './block-kit-objects.ts';
import {
  deleteMessage,
  fillBlockIds,
  findEphemeral,
  findMessage,
  findThreadRoot,
  storeEphemeral,
  storeMessage,
} from './messages.ts';
import { readMetadata } from './methods/chat.ts';
import type { Json, Workspace } from './workspace.ts';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export type ResponseUrlOutcome = {
  status: number;
  body: string;
  action?: 'in_channel' | 'ephemeral' | 'replaced' | 'deleted';
  errors?: string[];
};

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function respondToResponseUrl(ws: Workspace, id: string, raw: string): ResponseUrlOutcome {
  const record = ws.responseUrls.get(id);
  if (!record) return { status: 404, body: 'invalid_url' };
  if (ws.now() - record.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: 'expired_url' };
  if (record.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: 'used_url' };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, body: 'invalid_payload' };
  }
  if (!isJsonObject(body)) return { status: 400, body: 'invalid_payload' };
  const { ctx } = record;

  if (isTrue(body.delete_original)) {
    if (!deleteSource(ws, ctx)) return { status: 404, body: 'message_not_found' };
    record.uses += 1;
    return { status: 200, body: 'ok', action: 'deleted' };
  }

  if (body.blocks !== undefined) {
    const errors = validateBlocks(body.blocks, 'message');
    if (errors.length > 0) return { status: 400, body: 'invalid_blocks', errors };
  }
  const text = typeof body.text === 'string' ? body.text : '';
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Json[]) : [];
  if (text === '' && blocks.length === 0) return { status: 400, body: 'no_text' };

  if (isTrue(body.replace_original) && ctx.messageTs) {
    if (!replaceSource(ws, ctx, text, blocks)) return { status: 404, body: 'message_not_found' };
    record.uses += 1;
    return { status: 200, body: 'ok', action: 'replaced' };
  }

  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if (body.response_type === 'in_channel') {
    // A response_url post may carry message metadata as chat.postMessage does (bolt-js#1819).
    const metadata = readMetadata(body as Parameters<typeof readMetadata>[0]);
    if (!metadata.ok) return { status: 400, body: 'invalid_metadata_format' };
    const root = threadTs ? findThreadRoot(ws, ctx.channelId, threadTs) : undefined;
    storeMessage(ws, {
      channel: ctx.channelId,
      user: ws.botUserId,
      botId: ws.botId,
      text,
      blocks,
      threadTs: root?.ts,
      metadata: metadata.metadata,
    });
    record.uses += 1;
    return { status: 200, body: 'ok', action: 'in_channel' };
  }
  storeEphemeral(ws, { channel: ctx.channelId, user: ctx.userId, text, blocks, threadTs, source: 'response_url' });
  record.uses += 1;
  return { status: 200, body: 'ok', action: 'ephemeral' };
}

type Ctx = { channelId: string; userId: string; messageTs?: string; isEphemeral?: boolean };

function deleteSource(ws: Workspace, ctx: Ctx): boolean {
  if (!ctx.messageTs) return false;
  if (ctx.isEphemeral) {
    const ephemeral = findEphemeral(ws, ctx.channelId, ctx.messageTs);
    if (ephemeral) ephemeral.deleted = true;
    return ephemeral !== undefined;
  }
  const message = findMessage(ws, ctx.channelId, ctx.messageTs);
  if (message) deleteMessage(ws, message);
  return message !== undefined;
}

function replaceSource(ws: Workspace, ctx: Ctx, text: string, blocks: Json[]): boolean {
  if (!ctx.messageTs) return false;
  const target = ctx.isEphemeral
    ? findEphemeral(ws, ctx.channelId, ctx.messageTs)
    : findMessage(ws, ctx.channelId, ctx.messageTs);
  if (!target) return false;
  target.text = text;
  target.blocks = fillBlockIds(blocks);
  if ('updates' in target) target.updates += 1;
  return true;
}
