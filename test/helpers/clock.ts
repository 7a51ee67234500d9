import type { Clock } from '../../src/core/ports.ts';

export type ManualClock = Clock & { advance: (ms: number) => Date; set: (iso: string | Date) => Date };

/** A clock that only moves when a test moves it. */
export function manualClock(start: string | Date): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms) {
      current = new Date(current.getTime() + ms);
      return new Date(current);
    },
    set(at) {
      current = new Date(at);
      return new Date(current);
    },
  };
}
