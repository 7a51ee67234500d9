/** A piece of scheduled work. `run` gets the current instant from the injected clock, so tests move time freely. */
export type Job = { name: string; run: (now: Date) => Promise<void> };

/** Runs each job once, in order; one job's failure does not stop the others. */
export async function runJobs(jobs: readonly Job[], now: Date, onError: (job: Job, error: unknown) => void) {
  for (const job of jobs) {
    try {
      await job.run(now);
    } catch (error) {
      onError(job, error);
    }
  }
}
