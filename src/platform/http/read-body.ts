import type { IncomingMessage } from 'node:http';

/** Thrown by `readBody` when a request is over its limit; the caller answers 413. */
export class BodyTooLarge extends Error {}

/** Reads the body as text, refusing more than `limit` bytes (by its Content-Length, or as it arrives). */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
