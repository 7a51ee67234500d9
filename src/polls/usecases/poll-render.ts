import type { Timer } from '../../core/domain/timers.ts';
import type { PollsDeps } from '../deps.ts';

export const POLL_RENDER_TIMER = 'poll.render';

/**
 * Schedules a look at a poll's message at `at`: a render was asked for that another process's lease covers (or that
 * failed), and that process may die before making it. One timer per poll, moved to the latest time asked.
 */
export async function schedulePollRender(deps: Pick<PollsDeps, 'store'>, pollId: number, at: Date): Promise<void> {
  await deps.store.timers.schedule({
    kind: POLL_RENDER_TIMER,
    key: `${POLL_RENDER_TIMER}:${pollId}`,
    releaseId: null,
    dueAt: at,
    payload: { pollId },
  });
}

/** The `poll.render` timer: brings the poll's message up to date (no call to Slack when it already is). */
export async function runPollRender(deps: PollsDeps, timer: Timer): Promise<void> {
  const pollId = (timer.payload as { pollId?: unknown } | null)?.pollId;
  if (typeof pollId === 'number') await deps.pollMessenger.refresh(pollId);
}
