import { expect, test } from 'vitest';
import { createMessageRefresher } from '../../../src/platform/slack/message-refresher.ts';
import { manualClock } from '../../helpers/clock.ts';
import { createTestStore } from '../../helpers/test-db.ts';

/** A render that waits for the test to let it finish, recording the state it read and what the message shows. */
function gatedRender(read: () => number) {
  const shown: number[] = [];
  const gates: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    shown,
    get maxInFlight() {
      return maxInFlight;
    },
    open: () => gates.shift()?.(),
    waiting: () => gates.length,
    render: async (_key: string, digest: string | null) => {
      const state = read();
      if (digest === String(state)) return digest;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight -= 1;
      shown.push(state);
      return String(state);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i += 1) await settle();
}

/** One process's refresher over a gated render of `read()`, with the defaults (no interval, errors ignored). */
function gatedRefresher(read: () => number) {
  const { store } = createTestStore();
  const gated = gatedRender(read);
  const refresher = createMessageRefresher<string>({
    render: gated.render,
    onError: () => undefined,
    leases: store.renders,
    name: (key) => key,
    clock: manualClock('2026-11-23T09:00:00Z'),
  });
  return { gated, refresher };
}

test('one update in flight per key; refreshes asked meanwhile coalesce into one render of the latest state', async () => {
  let state = 1;
  const { gated, refresher } = gatedRefresher(() => state);
  const first = refresher.refresh('poll-1');
  await until(() => gated.waiting() === 1);
  // Nine changes while the first render is in flight.
  const waits: Promise<void>[] = [];
  for (let i = 2; i <= 10; i += 1) {
    state = i;
    waits.push(refresher.refresh('poll-1'));
  }
  gated.open();
  await until(() => gated.waiting() === 1);
  gated.open();
  await Promise.all([first, ...waits]);
  expect(gated.shown).toEqual([1, 10]);
  expect(gated.maxInFlight).toBe(1);
  expect(refresher.busy()).toBe(0);
  expect(await refresher.owed('poll-1')).toBe(false);
  // Nothing changed since: a refresh sends nothing.
  await refresher.refresh('poll-1');
  expect(gated.shown).toEqual([1, 10]);
});

test('two processes: one renders at a time, the other only records its request, and the last state is shown', async () => {
  const { store } = createTestStore();
  let state = 1;
  const gated = gatedRender(() => state);
  const clock = manualClock('2026-11-23T09:00:00Z');
  const owed: Array<[string, Date]> = [];
  const make = (owner: string) =>
    createMessageRefresher<string>({
      render: gated.render,
      onError: () => undefined,
      leases: store.renders,
      name: (key) => key,
      clock,
      owner,
      onOwed: (key, at) => owed.push([key, at]),
    });
  const a = make('a');
  const b = make('b');
  const first = a.refresh('poll-1');
  await until(() => gated.waiting() === 1);
  // While a renders state 1, a vote lands on b's process: b asks, finds a's lease, and returns.
  state = 2;
  await b.refresh('poll-1');
  expect(gated.waiting()).toBe(1);
  expect(owed).toEqual([['poll-1', new Date('2026-11-23T09:01:00Z')]]);
  gated.open();
  // a sees b's request when it records its render, and renders again: the latest state.
  await until(() => gated.waiting() === 1);
  gated.open();
  await first;
  expect(gated.shown).toEqual([1, 2]);
  expect(gated.maxInFlight).toBe(1);
  expect(await a.owed('poll-1')).toBe(false);
});

test('a holder that died leaves the render owed; after its lease runs out another process makes it', async () => {
  const { store } = createTestStore();
  const clock = manualClock('2026-11-23T09:00:00Z');
  await store.renders.request('poll-1', 'dead', clock.now(), new Date('2026-11-23T09:01:00Z'));
  const shown: string[] = [];
  const refresher = createMessageRefresher<string>({
    render: async () => {
      shown.push('rendered');
      return 'd';
    },
    onError: () => undefined,
    leases: store.renders,
    name: (key) => key,
    clock,
  });
  await refresher.refresh('poll-1');
  expect(shown).toEqual([]);
  expect(await refresher.owed('poll-1')).toBe(true);
  clock.advance(60_000);
  await refresher.refresh('poll-1');
  expect(shown).toEqual(['rendered']);
  expect(await refresher.owed('poll-1')).toBe(false);
});

test('a failed render is reported, gives the lease up, stays owed, and the next refresh renders again', async () => {
  const { store } = createTestStore();
  const errors: unknown[] = [];
  const owed: Date[] = [];
  let calls = 0;
  const refresher = createMessageRefresher<number>({
    render: async () => {
      calls += 1;
      if (calls === 1) throw new Error('ratelimited');
      return 'd';
    },
    onError: (_key, error) => errors.push(error),
    leases: store.renders,
    name: (key) => `poll:${key}`,
    clock: manualClock('2026-11-23T09:00:00Z'),
    onOwed: (_key, at) => owed.push(at),
  });
  await refresher.refresh(1);
  expect(await refresher.owed(1)).toBe(true);
  expect(owed).toEqual([new Date('2026-11-23T09:00:30Z')]);
  await refresher.refresh(1);
  expect(calls).toBe(2);
  expect(errors).toHaveLength(1);
  expect(await refresher.owed(1)).toBe(false);
});

test('with a least interval, the first refresh renders at once and a burst after it becomes one render of the latest state at the end of the interval, with a durable look asked for once', async () => {
  const { store } = createTestStore();
  let state = 1;
  const shown: Array<{ state: number; at: number }> = [];
  const owed: Date[] = [];
  const clock = manualClock('2026-11-23T09:00:00Z');
  const refresher = createMessageRefresher<string>({
    render: async (_key, digest) => {
      if (digest === String(state)) return digest;
      shown.push({ state, at: performance.now() });
      return String(state);
    },
    onError: () => undefined,
    leases: store.renders,
    name: (key) => key,
    clock,
    minIntervalMs: 200,
    onOwed: (_key, at) => owed.push(at),
  });
  const started = performance.now();
  const first = refresher.refresh('poll-1');
  await until(() => shown.length === 1);
  expect(shown[0]?.state).toBe(1);
  // Ten changes right after the first render: none is rendered on its own.
  const waits: Promise<void>[] = [];
  for (let i = 2; i <= 11; i += 1) {
    state = i;
    waits.push(refresher.refresh('poll-1'));
    await settle();
  }
  await Promise.all([first, ...waits]);
  expect(shown.map((s) => s.state)).toEqual([1, 11]);
  expect((shown[1]?.at ?? 0) - started).toBeGreaterThanOrEqual(190);
  // The refreshes that only waited in memory asked once for a look at the lease's end, should the process die.
  expect(owed).toEqual([new Date('2026-11-23T09:01:00Z')]);
  expect(refresher.busy()).toBe(0);
  expect(await refresher.owed('poll-1')).toBe(false);
});

test('idle resolves once every update in flight has rendered, and gives up at its timeout while one is stuck', async () => {
  let state = 1;
  const { gated, refresher } = gatedRefresher(() => state);
  await refresher.idle(1000);
  void refresher.refresh('poll-1');
  void refresher.refresh('poll-2');
  await until(() => gated.waiting() === 2);
  state = 2;
  void refresher.refresh('poll-1');

  // Both renders are held: idle waits its timeout out and resolves with them still in flight.
  await refresher.idle(30);
  expect(refresher.busy()).toBe(2);

  let idle = false;
  const waiting = refresher.idle(5000).then(() => {
    idle = true;
  });
  gated.open();
  gated.open();
  await until(() => gated.waiting() === 1);
  expect(idle).toBe(false);
  // The refresh asked during poll-1's render is made too before idle says so.
  gated.open();
  await waiting;
  expect(refresher.busy()).toBe(0);
  expect(gated.shown).toEqual([1, 1, 2]);
});
