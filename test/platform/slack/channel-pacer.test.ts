import { expect, test } from 'vitest';
import { createChannelPacer } from '../../../src/platform/slack/channel-pacer.ts';

/** A pacer over a fake time line: sleeping moves the time, so nothing really waits. */
function fakeTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

test('posts to one channel are spaced by the interval; other channels do not wait', async () => {
  const time = fakeTime();
  const pacer = createChannelPacer(1000, time.now, time.sleep);
  const at: Array<[string, number]> = [];
  const post = (channel: string) => pacer.run(channel, async () => void at.push([channel, time.now()]));
  await Promise.all([post('C1'), post('C1'), post('C2'), post('C1')]);
  const c1 = at.filter(([c]) => c === 'C1').map(([, t]) => t);
  expect(c1).toHaveLength(3);
  for (let i = 1; i < c1.length; i += 1) expect((c1[i] ?? 0) - (c1[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  expect(at.find(([c]) => c === 'C2')?.[1]).toBe(0);
});

test('a failed post does not block the channel and its error reaches the caller', async () => {
  const time = fakeTime();
  const pacer = createChannelPacer(1000, time.now, time.sleep);
  await expect(pacer.run('C1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(pacer.run('C1', async () => 'ok')).resolves.toBe('ok');
});

test('the spacing holds across bursts: a later post waits for the last one even after the queue emptied', async () => {
  const time = fakeTime();
  const pacer = createChannelPacer(1000, time.now, time.sleep);
  await pacer.run('C1', async () => undefined);
  const first = time.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await pacer.run('C1', async () => undefined);
  expect(time.now() - first).toBeGreaterThanOrEqual(1000);
});
