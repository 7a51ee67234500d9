import type { Clock } from '../../src/core/ports.ts';

export type TravelClock = Clock & {
  /** Moves the sandbox's time forward (never back: timers already run cannot be un-run). */
  advance: (ms: number) => Date;
  /** Jumps to an instant if it is later than now. */
  advanceTo: (at: Date) => Date;
};

/**
 * The sandbox's clock: real time passing from `start` (default: the real now) plus an offset the page moves forward.
 * Real seconds keep ticking so that trigger ids and response URLs age as they do in Slack.
 */
export function travelClock(start?: Date, realNow: () => number = Date.now): TravelClock {
  const startedAt = realNow();
  const base = start ? start.getTime() : startedAt;
  let offset = 0;
  const now = () => new Date(base + (realNow() - startedAt) + offset);
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('the sandbox clock only moves forward');
      offset += ms;
      return now();
    },
    advanceTo(at) {
      const delta = at.getTime() - now().getTime();
      if (delta > 0) offset += delta;
      return now();
    },
  };
}
