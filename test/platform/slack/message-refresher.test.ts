import { expect, test } from 'vitest';
import { createMessageRefresher } from '../../../src/platform/slack/message-refresher.ts';

test('one update in flight per key; refreshes asked meanwhile coalesce into one render of the latest state', async () => {
  let state = 0;
  const shown: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const gates: Array<() => void> = [];
  const refresher = createMessageRefresher<string>(
    async () => {
      const rendered = state;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight -= 1;
      shown.push(rendered);
    },
    () => undefined,
  );
  state = 1;
  const first = refresher.refresh('poll-1');
  const waits: Promise<void>[] = [];
  for (let i = 2; i <= 10; i += 1) {
    state = i;
    waits.push(refresher.refresh('poll-1'));
  }
  await Promise.resolve();
  gates.shift()?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gates.shift()?.();
  await Promise.all([first, ...waits]);
  expect(shown).toEqual([1, 10]);
  expect(maxInFlight).toBe(1);
  expect(refresher.busy()).toBe(0);
});

test('a failed render is reported and the next refresh renders again', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const refresher = createMessageRefresher<number>(
    async () => {
      calls += 1;
      if (calls === 1) throw new Error('ratelimited');
    },
    (_key, error) => errors.push(error),
  );
  await refresher.refresh(1);
  await refresher.refresh(1);
  expect(calls).toBe(2);
  expect(errors).toHaveLength(1);
});
