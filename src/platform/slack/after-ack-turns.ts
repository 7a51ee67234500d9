/**
 * Acknowledgements first, work after. A listener's `await ack()` sends the answer at once and then waits here for its
 * turn: one waiting listener goes on per turn of the event loop, after the requests already read in that turn have
 * been handled as far as their own acks. So a click is never answered late because the clicks before it are still
 * recording their votes or opening modals; their work comes next, in the order they arrived.
 *
 * A listener waits at most `maxWaitMs`: after that, every overdue one goes on in the same turn. That bounds the
 * backlog a burst can leave (a No-Go's `trigger_id` lasts 3 s, and a process that stops loses only what it
 * acknowledged and did not do), at the price of answering the next acks later, as if nothing waited.
 */
export type AfterAckTurns = {
  /** Resolves when the caller may go on: at once in a later turn when nothing else waits. */
  turn: () => Promise<void>;
  /** How many listeners wait now. */
  waiting: () => number;
};

export type AfterAckTurnsOptions = {
  /** Runs `task` in a later turn of the event loop, after its I/O (`setImmediate`). */
  defer?: (task: () => void) => void;
  /** Monotonic milliseconds. */
  now?: () => number;
  maxWaitMs?: number;
};

export const AFTER_ACK_MAX_WAIT_MS = 1000;

export function createAfterAckTurns(options: AfterAckTurnsOptions = {}): AfterAckTurns {
  const defer = options.defer ?? ((task: () => void) => setImmediate(task));
  const now = options.now ?? (() => performance.now());
  const maxWaitMs = options.maxWaitMs ?? AFTER_ACK_MAX_WAIT_MS;
  // At most about a second of arrivals waits, so a plain array's shift is cheap; an index into one that only reset
  // when empty would grow for as long as the bot is never idle.
  const queue: Array<{ since: number; go: () => void }> = [];
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    queue.shift()?.go();
    const overdueFrom = now() - maxWaitMs;
    while ((queue[0]?.since ?? Number.POSITIVE_INFINITY) <= overdueFrom) queue.shift()?.go();
    if (queue.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    defer(pump);
  };

  return {
    turn: () =>
      new Promise<void>((go) => {
        queue.push({ since: now(), go });
        schedule();
      }),
    waiting: () => queue.length,
  };
}
