/**
 * Slack accepts about one message per second per channel. The pacer spaces this process's posts to each channel at
 * least `intervalMs` apart; different channels do not wait for each other. (A 429 that still comes back, e.g. from
 * another process, is waited out and retried by the Web API client, which honours `Retry-After`.)
 */
export type ChannelPacer = { run: <T>(channelId: string, post: () => Promise<T>) => Promise<T> };

export function createChannelPacer(
  intervalMs: number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): ChannelPacer {
  const lanes = new Map<string, Promise<unknown>>();
  const lastPost = new Map<string, number>();
  const prune = () => {
    if (lastPost.size < 1000) return;
    const before = now() - intervalMs;
    for (const [channel, at] of lastPost) if (at < before && !lanes.has(channel)) lastPost.delete(channel);
  };
  return {
    run(channelId, post) {
      const previous = lanes.get(channelId) ?? Promise.resolve();
      const turn = previous.then(async () => {
        const wait = (lastPost.get(channelId) ?? Number.NEGATIVE_INFINITY) + intervalMs - now();
        if (wait > 0) await sleep(wait);
        try {
          return await post();
        } finally {
          lastPost.set(channelId, now());
        }
      });
      const tail = turn.catch(() => undefined);
      lanes.set(channelId, tail);
      void tail.then(() => {
        if (lanes.get(channelId) === tail) lanes.delete(channelId);
        prune();
      });
      return turn;
    },
  };
}
