import { describe, expect, it } from 'vitest';
import { createAfterAckTurns } from '../../../src/platform/slack/after-ack-turns.ts';

/** A hand-driven event loop: `tick()` runs what was deferred, then lets the released listeners' microtasks settle. */
function manualLoop() {
  let tasks: Array<() => void> = [];
  let ms = 0;
  return {
    defer: (task: () => void) => tasks.push(task),
    now: () => ms,
    advance: (by: number) => {
      ms += by;
    },
    pending: () => tasks.length,
    async tick() {
      const due = tasks;
      tasks = [];
      for (const task of due) task();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('after-ack turns', () => {
  it('lets one waiting listener go on per turn, in the order they acknowledged', async () => {
    const loop = manualLoop();
    const turns = createAfterAckTurns({ defer: loop.defer, now: loop.now });
    const went: string[] = [];
    for (const name of ['a', 'b', 'c']) void turns.turn().then(() => went.push(name));
    expect(turns.waiting()).toBe(3);
    expect(went).toEqual([]);

    await loop.tick();
    expect(went).toEqual(['a']);
    await loop.tick();
    expect(went).toEqual(['a', 'b']);
    await loop.tick();
    expect(went).toEqual(['a', 'b', 'c']);
    expect(turns.waiting()).toBe(0);
    expect(loop.pending()).toBe(0);
  });

  it('lets every listener that waited too long go on in the same turn', async () => {
    const loop = manualLoop();
    const turns = createAfterAckTurns({ defer: loop.defer, now: loop.now, maxWaitMs: 1000 });
    const went: number[] = [];
    for (const n of [1, 2, 3]) void turns.turn().then(() => went.push(n));
    loop.advance(600);
    for (const n of [4, 5]) void turns.turn().then(() => went.push(n));
    loop.advance(500);

    await loop.tick();
    // 1 by its turn, 2 and 3 because they waited 1.1 s; 4 and 5 waited 0.5 s, and go one per turn.
    expect(went).toEqual([1, 2, 3]);
    await loop.tick();
    expect(went).toEqual([1, 2, 3, 4]);
    await loop.tick();
    expect(went).toEqual([1, 2, 3, 4, 5]);
  });

  it('goes on in a later turn of the real event loop when nothing else waits', async () => {
    const turns = createAfterAckTurns();
    await turns.turn();
    expect(turns.waiting()).toBe(0);
  });
});
