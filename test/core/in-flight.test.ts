import { expect, test } from 'vitest';
import { createInFlight } from '../../src/core/in-flight.ts';

test('idle waits for every tracked run, failed ones included, and resolves at once when nothing runs', async () => {
  const inFlight = createInFlight();
  await inFlight.idle(10_000);
  let finish: () => void = () => {};
  const running = inFlight.track(() => new Promise<void>((resolve) => (finish = resolve)));
  const failing = inFlight.track(() => Promise.reject(new Error('boom')));
  await expect(failing).rejects.toThrow('boom');
  let idle = false;
  const waiting = inFlight.idle(10_000).then(() => (idle = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(idle).toBe(false);
  finish();
  await running;
  await waiting;
  expect(idle).toBe(true);
});

test('idle gives up after its timeout when work never ends', async () => {
  const inFlight = createInFlight();
  void inFlight.track(() => new Promise<void>(() => {}));
  await expect(inFlight.idle(5)).resolves.toBeUndefined();
});
