/**
 * `Idempotency-Key` on every POST: a retry with the same key returns the first answer and changes nothing. The
 * first request claims the key (pending); its answer is kept once it is given, for a day. A retry while the first
 * is still running is told to wait; the same key with another body is refused, since it cannot be the same request.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
/** A claim left pending this long belongs to a process that died mid-request; the key may be used again. */
export const IDEMPOTENCY_LEASE_MS = 60_000;
export const MAX_IDEMPOTENCY_KEY = 255;

export type StoredAnswer = { status: number; body: string; contentType: string };

export type IdempotencyRecord = {
  tokenId: number;
  key: string;
  /** SHA-256 of the method, path and body: the same key must come with the same request. */
  fingerprint: string;
  createdAt: Date;
  answer: StoredAnswer | null;
};

export type IdempotencyDecision =
  | { kind: 'proceed' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export function decideIdempotency(
  existing: IdempotencyRecord | undefined,
  fingerprint: string,
  now: Date,
): IdempotencyDecision {
  if (!existing || now.getTime() - existing.createdAt.getTime() >= IDEMPOTENCY_RETENTION_MS) return { kind: 'proceed' };
  if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (existing.answer) return { kind: 'replay', answer: existing.answer };
  if (now.getTime() - existing.createdAt.getTime() >= IDEMPOTENCY_LEASE_MS) return { kind: 'proceed' };
  return { kind: 'in_progress' };
}

/** A key is 1 to 255 visible ASCII characters (a UUID, say). */
export function whyBadIdempotencyKey(key: string): string | undefined {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY || !/^[\x21-\x7e]+$/.test(key)) {
    return `An Idempotency-Key is 1 to ${MAX_IDEMPOTENCY_KEY} visible ASCII characters, such as a UUID.`;
  }
  return undefined;
}
