/** Injected failures (`failNext`, `rateLimitNext`) and the optional 1-message-per-second-per-channel limit. */

export type Faults = {
  failures: Map<string, string[]>;
  rateLimits: Map<string, number[]>;
  lastChannelPost: Map<string, number>;
};

export const CHANNEL_POST_INTERVAL_MS = 1_000;

export function createFaults(): Faults {
  return { failures: new Map(), rateLimits: new Map(), lastChannelPost: new Map() };
}

export function queueFailure(faults: Faults, method: string, error: string): void {
  faults.failures.set(method, [...(faults.failures.get(method) ?? []), error]);
}

export function queueRateLimit(faults: Faults, method: string, retryAfterSeconds: number, times: number): void {
  const queue = faults.rateLimits.get(method) ?? [];
  for (let i = 0; i < times; i += 1) queue.push(retryAfterSeconds);
  faults.rateLimits.set(method, queue);
}

export function takeFailure(faults: Faults, method: string): string | undefined {
  return faults.failures.get(method)?.shift();
}

export function takeRateLimit(faults: Faults, method: string): number | undefined {
  return faults.rateLimits.get(method)?.shift();
}

/** True when a post to `channel` at `now` comes less than a second after the previous accepted one. */
export function isChannelPostTooSoon(faults: Faults, channel: string, now: number): boolean {
  const last = faults.lastChannelPost.get(channel);
  return last !== undefined && now - last < CHANNEL_POST_INTERVAL_MS;
}

export function recordChannelPost(faults: Faults, channel: string, now: number): void {
  faults.lastChannelPost.set(channel, now);
}
