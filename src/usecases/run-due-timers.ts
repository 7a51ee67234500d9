import { retryDelayMs, type Timer } from '../domain/timers.ts';
import type { Deps } from './deps.ts';

/** What a timer does when it fires. It gets the instant it runs at, which may be later than its due time. */
export type TimerHandler = (deps: Deps, timer: Timer, now: Date) => Promise<void>;
export type TimerHandlers = Readonly<Record<string, TimerHandler>>;

/**
 * Claims every due timer and runs it. A failing handler is retried with back-off; an unknown kind is given up at
 * once, since no retry can fix it. Returns how many timers ran.
 */
export async function runDueTimers(deps: Deps, handlers: TimerHandlers, owner: string, batch = 50): Promise<number> {
  let ran = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = deps.store.timers.claimDue(now, owner, batch);
    if (due.length === 0) return ran;
    for (const timer of due) {
      const handler = handlers[timer.kind];
      if (!handler) {
        deps.logger.error(`no handler for timer kind ${timer.kind}; giving it up`);
        deps.store.timers.fail(timer.id, `no handler for ${timer.kind}`, null);
        continue;
      }
      try {
        await handler(deps, timer, now);
        deps.store.timers.complete(timer.id);
      } catch (error) {
        deps.logger.error(`timer ${timer.key} failed (attempt ${timer.attempts})`, error);
        const retryAt = new Date(deps.clock.now().getTime() + retryDelayMs(timer.attempts));
        deps.store.timers.fail(timer.id, error instanceof Error ? error.message : String(error), retryAt);
      }
      ran += 1;
    }
    if (due.length < batch) return ran;
  }
}
