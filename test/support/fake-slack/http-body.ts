/** Reading and decoding request bodies: form-urlencoded, JSON, and multipart/form-data (the file upload step). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type MultipartPart = { name: string; filename?: string; contentType?: string; data: Buffer };

/** Params that Slack's clients send as JSON strings and that the fake decodes (and records) as objects. */
const JSON_PARAMS = ['blocks', 'view', 'files', 'attachments', 'metadata'];

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Web API params from a form or JSON body. JSON-valued params are decoded; a value that does not parse stays a
 * string, so the method can answer `invalid_blocks_format` / `invalid_arguments` as Slack does.
 */
export function parseParams(raw: Buffer, type: string): Record<string, unknown> | undefined {
  let params: Record<string, unknown>;
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      params = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  } else {
    params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  }
  for (const key of JSON_PARAMS) {
    const value = params[key];
    if (typeof value !== 'string') continue;
    try {
      params[key] = JSON.parse(value);
    } catch {
      // leave the raw string: the method reports it
    }
  }
  return params;
}

export function parseMultipart(raw: Buffer, contentTypeHeader: string): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const headerStart = start + delimiter.length;
    if (raw.subarray(headerStart, headerStart + 2).toString() === '--') break;
    const headerEnd = raw.indexOf('\r\n\r\n', headerStart);
    const next = raw.indexOf(delimiter, headerEnd);
    if (headerEnd === -1 || next === -1) break;
    const headers = raw.subarray(headerStart + 2, headerEnd).toString('utf8');
    const data = raw.subarray(headerEnd + 4, next - 2);
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const part: MultipartPart = { name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '', data: Buffer.from(data) };
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename !== undefined) part.filename = filename;
    const partType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    if (partType !== undefined) part.contentType = partType.trim();
    parts.push(part);
    start = next;
  }
  return parts;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
