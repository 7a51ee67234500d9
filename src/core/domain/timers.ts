/**
 * A durable timer: something that must happen at `dueAt` even if the bot restarts in between. `key` is unique, so
 * scheduling the same thing twice keeps one timer. Timers are claimed before they run, so each runs once even when two
 * processes share the database.
 */
export type Timer = {
  id: number;
  kind: string;
  key: string;
  releaseId: number | null;
  dueAt: Date;
  payload: unknown;
  attempts: number;
};

export type NewTimer = {
  kind: string;
  key: string;
  releaseId: number | null;
  dueAt: Date;
  payload?: unknown;
};

/** How long a claim lasts: a process that dies mid-run gives its timers back after this. */
export const TIMER_LEASE_MS = 5 * 60_000;
export const MAX_TIMER_ATTEMPTS = 5;

/** Back-off after a failed run: 30 s, 1 min, 2 min, … */
export function retryDelayMs(attempts: number): number {
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}

/**
 * Thrown by a timer handler that should run again at `retryAt` rather than after the usual back-off (an escalation
 * post retried within seconds). The attempts still count towards `MAX_TIMER_ATTEMPTS`.
 */
export class RetryTimer extends Error {
  override readonly name = 'RetryTimer';
  readonly retryAt: Date;

  constructor(retryAt: Date, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.retryAt = retryAt;
  }
}
