/**
 * Counts the work a surface has running (Slack listeners, API requests, webhook deliveries) so a shutdown can wait
 * for it to finish before the database closes.
 */
export function createInFlight() {
  let running = 0;
  const idleWaiters: Array<() => void> = [];
  return {
    /** Counts `work` as running until it settles; resolves or rejects as it does. */
    async track<T>(work: () => Promise<T>): Promise<T> {
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        if (running === 0) for (const wake of idleWaiters.splice(0)) wake();
      }
    },
    /** Resolves once nothing is running (or after `timeoutMs`). */
    idle(timeoutMs: number): Promise<void> {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
