/**
 * Shared shape of a Web API method implementation: `(workspace, params) → JSON body` (always HTTP 200), plus the
 * helpers every method uses to read params and build `{ok:false,error}` answers.
 */
import { type BlockSurface, validateBlocks } from '../block-kit.ts';
import { isJsonObject } from '../block-kit-objects.ts';
import type { Json, Workspace } from '../workspace.ts';

export type Params = Record<string, unknown>;
export type MethodHandler = (ws: Workspace, params: Params) => Json;

export function ok(body: Json = {}): Json {
  return { ok: true, ...body };
}

export function fail(error: string, extra: Json = {}): Json {
  return { ok: false, error, ...extra };
}

export function invalidArguments(messages: string[]): Json {
  return fail('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

/** A string param; numbers and booleans arrive as strings over form encoding, JSON bodies may carry them raw. */
export function str(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function bool(params: Params, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export type BlocksParam = { ok: true; blocks: Json[] | undefined } | { ok: false; result: Json };

/** Reads and validates a `blocks` param for a message surface (chat.* and response_url). */
export function readMessageBlocks(params: Params): BlocksParam {
  const raw = params.blocks;
  if (raw === undefined || raw === null || raw === '') return { ok: true, blocks: undefined };
  if (!Array.isArray(raw) || !raw.every(isJsonObject)) {
    return { ok: false, result: fail('invalid_blocks_format') };
  }
  const errors = validateBlocks(raw, 'message' satisfies BlockSurface);
  if (errors.length > 0) {
    return {
      ok: false,
      result: fail('invalid_blocks', { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } }),
    };
  }
  return { ok: true, blocks: raw };
}

export type Page<T> = { ok: true; items: T[]; nextCursor: string } | { ok: false; result: Json };

/** Cursor pagination as Slack does it: `limit` (1..1000), opaque `cursor`, `next_cursor` `''` on the last page. */
export function paginate<T>(items: T[], params: Params, defaultLimit = 100): Page<T> {
  const limitParam = str(params, 'limit');
  const limit = limitParam === undefined || limitParam === '0' ? defaultLimit : Number(limitParam);
  if (limitParam !== undefined && limitParam !== '0' && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
    return { ok: false, result: fail('invalid_limit') };
  }
  const cursor = str(params, 'cursor');
  let offset = 0;
  if (cursor) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) return { ok: false, result: fail('invalid_cursor') };
    offset = Number(match[1]);
  }
  const end = offset + limit;
  const nextCursor = end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { ok: true, items: items.slice(offset, end), nextCursor };
}
