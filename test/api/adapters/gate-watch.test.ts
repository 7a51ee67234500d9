import { expect, test } from 'vitest';
import { createGateWatch } from '../../../src/api/adapters/gate-watch.ts';

test('a hold wakes at once when told, at the poll interval otherwise, and times out with the wait', async () => {
  const watch = createGateWatch({ pollMs: 40 });
  const hold = watch.hold(1, 10_000);
  const told = hold.next();
  watch.notify(2);
  watch.notify(1);
  expect(await told).toBe('again');
  // Told before it asks: the next ask answers at once.
  watch.notify(1);
  expect(await hold.next()).toBe('again');
  const started = performance.now();
  expect(await hold.next()).toBe('again');
  expect(performance.now() - started).toBeGreaterThanOrEqual(30);
  hold.close();
  const short = watch.hold(1, 60);
  expect(await short.next()).toBe('again');
  expect(await short.next()).toBe('timeout');
  expect(await short.next()).toBe('timeout');
  short.close();
  expect(watch.held()).toBe(0);
});

test('stopping ends every hold, and a client that goes away ends its own', async () => {
  const watch = createGateWatch({ pollMs: 60_000 });
  const a = watch.hold(1, 600_000);
  const controller = new AbortController();
  const b = watch.hold(1, 600_000, controller.signal);
  const bNext = b.next();
  controller.abort();
  expect(await bNext).toBe('aborted');
  const aNext = a.next();
  expect(watch.held()).toBe(2);
  watch.stop();
  expect(await aNext).toBe('stopping');
  expect(await watch.hold(3, 1000).next()).toBe('stopping');
  a.close();
  b.close();
});
