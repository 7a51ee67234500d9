/**
 * Slack accepts about one message per second per channel. The pacer spaces this process's posts to each channel at
 * least `intervalMs` apart; different channels do not wait for each other. (A 429 that still comes back is waited
 * out and retried by the Web API client, which honours `Retry-After`.)
 */
export type ChannelPacer = { run: <T>(channelId: string, post: () => Promise<T>) => Promise<T> };

export function createChannelPacer(
  intervalMs: number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): ChannelPacer {
  const queues = new Map<string, { tail: Promise<unknown>; last: number; waiting: number }>();
  return {
    run(channelId, post) {
      const lane = queues.get(channelId) ?? { tail: Promise.resolve(), last: Number.NEGATIVE_INFINITY, waiting: 0 };
      queues.set(channelId, lane);
      lane.waiting += 1;
      const turn = lane.tail.then(async () => {
        const wait = lane.last + intervalMs - now();
        if (wait > 0) await sleep(wait);
        try {
          return await post();
        } finally {
          lane.last = now();
          lane.waiting -= 1;
          if (lane.waiting === 0) queues.delete(channelId);
        }
      });
      lane.tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
