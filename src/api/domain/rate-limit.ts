/**
 * The per-token rate limit: a fixed window of 60 requests per minute, counted in the database so that every
 * replica counts the same requests (a per-process count would let two replicas allow 120). The window opens with
 * the first request after the previous one closed.
 */
export const RATE_LIMIT = { requests: 60, windowMs: 60_000 } as const;

export type RateWindow = { tokenId: number; startedAt: Date; count: number };

export type RateDecision =
  | { ok: true; window: RateWindow; remaining: number }
  | { ok: false; retryAfterSeconds: number };

export function decideRateLimit(
  current: RateWindow | undefined,
  tokenId: number,
  now: Date,
  limit: { requests: number; windowMs: number } = RATE_LIMIT,
): RateDecision {
  const open = current && now.getTime() - current.startedAt.getTime() < limit.windowMs ? current : undefined;
  if (!open) return { ok: true, window: { tokenId, startedAt: now, count: 1 }, remaining: limit.requests - 1 };
  if (open.count >= limit.requests) {
    const endsIn = open.startedAt.getTime() + limit.windowMs - now.getTime();
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(endsIn / 1000)) };
  }
  const window = { ...open, count: open.count + 1 };
  return { ok: true, window, remaining: limit.requests - window.count };
}
