import cron from 'node-cron';
import type { Clock, Logger } from '../../core/ports.ts';
import { type Job, runJobs } from './jobs.ts';

/**
 * The only node-cron importer. One task ticks every few seconds and runs every job at the clock's "now"; what is due
 * is decided from the database, so a tick that is skipped or doubled changes nothing. `noOverlap` keeps a slow tick
 * from running beside the next.
 */
export function startScheduler(
  jobs: readonly Job[],
  options: { clock: Clock; logger: Logger; expression?: string },
): { stop: () => Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const task = cron.schedule(
    options.expression ?? '*/5 * * * * *',
    () => {
      running = runJobs(jobs, options.clock.now(), (job, error) =>
        options.logger.error(`job ${job.name} failed`, error),
      );
      return running;
    },
    { name: 'release-bot-tick', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
