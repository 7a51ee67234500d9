import type { CoreDeps } from '../deps.ts';
import { RetryTimer, retryDelayMs, type Timer } from '../domain/timers.ts';

/** What a timer does when it fires. It gets the instant it runs at, which may be later than its due time. */
export type TimerHandler<D> = (deps: D, timer: Timer, now: Date) => Promise<void>;
/** Each timer kind's handler; the composition root registers every module's, with every module's dependencies. */
export type TimerHandlers<D> = Readonly<Record<string, TimerHandler<D>>>;

/** How many releases' timers run at once; each release's own timers still run one after another, in due order. */
const PARALLEL_RELEASES = 25;

async function runOne<D extends CoreDeps>(deps: D, handlers: TimerHandlers<D>, timer: Timer, now: Date): Promise<void> {
  const handler = handlers[timer.kind];
  if (!handler) {
    deps.logger.error(`no handler for timer kind ${timer.kind}; giving it up`);
    await deps.store.timers.fail(timer.id, `no handler for ${timer.kind}`, null);
    return;
  }
  try {
    await handler(deps, timer, now);
    await deps.store.timers.complete(timer.id);
  } catch (error) {
    const retryAt =
      error instanceof RetryTimer ? error.retryAt : new Date(deps.clock.now().getTime() + retryDelayMs(timer.attempts));
    if (error instanceof RetryTimer)
      deps.logger.warn(`timer ${timer.key}: ${error.message}; again at ${retryAt.toISOString()}`);
    else deps.logger.error(`timer ${timer.key} failed (attempt ${timer.attempts})`, error);
    await deps.store.timers.fail(timer.id, error instanceof Error ? error.message : String(error), retryAt);
  }
}

/**
 * Claims every due timer and runs it. Timers of different releases run side by side (a burst of 500 standup
 * reminders is paced per channel, not queued behind each other); timers of one release keep their order, so a
 * reminder never lands after its summary. A failing handler is retried with back-off; an unknown kind is given up at
 * once, since no retry can fix it; a handler may name its own retry time (`RetryTimer`). Returns how many timers ran.
 */
export async function runDueTimers<D extends CoreDeps>(
  deps: D,
  handlers: TimerHandlers<D>,
  owner: string,
  batch = 100,
): Promise<number> {
  let ran = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = await deps.store.timers.claimDue(now, owner, batch);
    if (due.length === 0) return ran;
    const byRelease = new Map<number | null, Timer[]>();
    for (const timer of due) byRelease.set(timer.releaseId, [...(byRelease.get(timer.releaseId) ?? []), timer]);
    const lanes = [...byRelease.values()];
    const worker = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        for (const timer of lane) await runOne(deps, handlers, timer, now);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_RELEASES, lanes.length) }, worker));
    ran += due.length;
    if (due.length < batch) return ran;
  }
}
