import type { GateHold, GateWatch, HoldSignal } from '../ports.ts';

/** How often a held request reads the gate again when nothing in this process said it changed (another replica). */
export const GATE_POLL_MS = 1000;

export type RunningGateWatch = GateWatch & {
  /** Ends every hold with `stopping` (the bot shuts down) and refuses new ones the same way. */
  stop: () => void;
  /** How many requests are held now. */
  held: () => number;
};

/**
 * Holds `GET …/gate?wait=` requests. A hold is woken at once by `notify` (the `readinessChanged` and `pollDecided`
 * hooks, in this process), and every `pollMs` otherwise so the request reads the database again: with two replicas
 * the Release Manager's decision may land on the other one, and is then seen within a second. A poll was chosen over
 * PostgreSQL's LISTEN/NOTIFY because it works the same on SQLite, needs no connection held per replica, and costs
 * one indexed read per held request per second. The wait is real time (it is the client's), never the bot's clock.
 */
export function createGateWatch(options: { pollMs?: number } = {}): RunningGateWatch {
  const pollMs = options.pollMs ?? GATE_POLL_MS;
  const wakers = new Map<number, Set<() => void>>();
  const stoppers = new Set<() => void>();
  let stopping = false;

  function hold(releaseId: number, waitMs: number, signal?: AbortSignal): GateHold {
    const deadline = performance.now() + waitMs;
    let woken = false;
    let settle: ((why: HoldSignal) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (why: HoldSignal) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const resolve = settle;
      settle = undefined;
      resolve?.(why);
    };
    const wake = () => {
      if (settle) finish('again');
      else woken = true;
    };
    const stop = () => finish('stopping');
    const abort = () => finish('aborted');
    const set = wakers.get(releaseId) ?? new Set<() => void>();
    wakers.set(releaseId, set);
    set.add(wake);
    stoppers.add(stop);
    signal?.addEventListener('abort', abort);
    return {
      next() {
        if (stopping) return Promise.resolve('stopping');
        if (signal?.aborted) return Promise.resolve('aborted');
        if (woken) {
          woken = false;
          return Promise.resolve('again');
        }
        const remaining = deadline - performance.now();
        if (remaining <= 0) return Promise.resolve('timeout');
        return new Promise<HoldSignal>((resolve) => {
          settle = resolve;
          const last = remaining <= pollMs;
          timer = setTimeout(() => finish(last ? 'timeout' : 'again'), Math.min(pollMs, remaining));
        });
      },
      close() {
        finish('aborted');
        const mine = wakers.get(releaseId);
        mine?.delete(wake);
        if (mine?.size === 0) wakers.delete(releaseId);
        stoppers.delete(stop);
        signal?.removeEventListener('abort', abort);
      },
    };
  }

  return {
    hold,
    notify(releaseId) {
      for (const wake of [...(wakers.get(releaseId) ?? [])]) wake();
    },
    stop() {
      stopping = true;
      for (const stop of [...stoppers]) stop();
    },
    held: () => stoppers.size,
  };
}
