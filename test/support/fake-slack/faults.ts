/**
 * Injected faults and the optional 1-message-per-second-per-channel limit. Each fault is queued for a method and,
 * optionally, only for calls to one channel; the next matching call takes it:
 * - `failure`: answered `{ok:false, error}` and nothing happens (Slack refused the call);
 * - `rateLimit`: HTTP 429 with `Retry-After` and nothing happens;
 * - `lostAnswer`: the call takes effect (the message is posted) but the answer never reaches the caller, as an HTTP
 *   500 or as a connection closed without an answer;
 * - `hang`: the call is held `ms` before Slack looks at it; a caller that gave up meanwhile changed nothing.
 */

export type LostAnswer = 'http_500' | 'drop';

type Fault =
  | { kind: 'failure'; error: string }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'lostAnswer'; as: LostAnswer }
  | { kind: 'hang'; ms: number };

type Queued = { fault: Fault; channel: string | undefined };

export type Faults = {
  queued: Map<string, Queued[]>;
  lastChannelPost: Map<string, number>;
};

export const CHANNEL_POST_INTERVAL_MS = 1_000;

export function createFaults(): Faults {
  return { queued: new Map(), lastChannelPost: new Map() };
}

function queue(faults: Faults, method: string, fault: Fault, channel: string | undefined, times = 1): void {
  const list = faults.queued.get(method) ?? [];
  for (let i = 0; i < times; i += 1) list.push({ fault, channel });
  faults.queued.set(method, list);
}

export function queueFailure(faults: Faults, method: string, error: string, channel?: string): void {
  queue(faults, method, { kind: 'failure', error }, channel);
}

export function queueRateLimit(
  faults: Faults,
  method: string,
  retryAfterSeconds: number,
  times: number,
  channel?: string,
): void {
  queue(faults, method, { kind: 'rateLimit', retryAfterSeconds }, channel, times);
}

export function queueLostAnswer(faults: Faults, method: string, as: LostAnswer, channel?: string): void {
  queue(faults, method, { kind: 'lostAnswer', as }, channel);
}

export function queueHang(faults: Faults, method: string, ms: number, channel?: string): void {
  queue(faults, method, { kind: 'hang', ms }, channel);
}

/** Takes the first fault queued for `method` that applies to a call to `channel` (a fault for any channel applies). */
export function takeFault(faults: Faults, method: string, channel: string | undefined): Fault | undefined {
  const list = faults.queued.get(method);
  const index = list?.findIndex((q) => q.channel === undefined || q.channel === channel) ?? -1;
  if (!list || index < 0) return undefined;
  const [taken] = list.splice(index, 1);
  return taken?.fault;
}

/** True when a post to `channel` at `now` comes less than a second after the previous accepted one. */
export function isChannelPostTooSoon(faults: Faults, channel: string, now: number): boolean {
  const last = faults.lastChannelPost.get(channel);
  return last !== undefined && now - last < CHANNEL_POST_INTERVAL_MS;
}

export function recordChannelPost(faults: Faults, channel: string, now: number): void {
  faults.lastChannelPost.set(channel, now);
}
