import { calendarDateIn } from '../../core/domain/calendar.ts';
import type { Release } from '../../core/domain/release.ts';
import type { CadenceDeps } from '../deps.ts';
import {
  type CadenceConfig,
  type CadenceJob,
  dueOccurrences,
  LOOKBACK_DAYS,
  type Occurrence,
} from '../domain/schedule.ts';
import { occurrenceKey } from '../ports.ts';
import { askForRiskReview } from './risk-report.ts';
import { runDmStandups } from './standup-dms.ts';
import { postStandupPrompt } from './standups.ts';

type JobRunner = (deps: CadenceDeps, release: Release, occurrence: Occurrence) => Promise<void>;

const RUNNERS: Record<CadenceJob, JobRunner> = {
  standup: async (deps, release, o) => void (await postStandupPrompt(deps, release, o.slot, o.at)),
  risk_weekly: (deps, release, o) => askForRiskReview(deps, release, o.slot, o.at),
};

/** How many releases' runs are posted at once; each channel is paced separately by the Slack gateway. */
export const CADENCE_CONCURRENCY = 25;

const DAY_MS = 86_400_000;

export type CadenceTickResult = { ran: number; missed: number; failed: number };

/**
 * One scheduler tick: for every active release, the occurrences due now are claimed in the database (INSERT … ON
 * CONFLICT DO NOTHING) and run by the one caller whose claim landed; so each runs at most once across restarts and
 * processes. Occurrences later than the catch-up grace are recorded as missed instead.
 */
export async function runCadence(deps: CadenceDeps, owner: string): Promise<CadenceTickResult> {
  const now = deps.clock.now();
  const result: CadenceTickResult = { ran: 0, missed: 0, failed: 0 };
  const work: Array<{ release: Release; occurrence: Occurrence }> = [];
  const dmReleases: Array<{ release: Release; config: CadenceConfig }> = [];
  // What is already on record in the look-back window, read once: a slot missed long ago stays missed on every tick,
  // and asking the database to record it again, release by release, was most of a tick's work.
  const recorded = await deps.store.cadence.recordedSince(new Date(now.getTime() - (LOOKBACK_DAYS + 2) * DAY_MS));
  for (const release of await deps.store.cadence.activeReleases()) {
    const config = await deps.store.cadence.config(release.id);
    const today = calendarDateIn(now, release.timeZone);
    // With DM delivery each person's prompt is due in their own zone (standup-dms.ts), not the release's.
    const dueHere = dueOccurrences(release, config, now, deps.catchUpGraceMs, today).filter(
      (d) => !(d.occurrence.job === 'standup' && config.standupDelivery === 'dm'),
    );
    if (config.standupDelivery === 'dm') dmReleases.push({ release, config });
    for (const { occurrence, action } of dueHere) {
      const key = { releaseId: release.id, job: occurrence.job, slot: occurrence.slot, dueAt: occurrence.at, now };
      if (action === 'missed') {
        if (recorded.has(occurrenceKey(release.id, occurrence.job, occurrence.slot))) continue;
        if (await deps.store.cadence.recordMissed(key)) {
          result.missed += 1;
          deps.logger.warn(`missed ${occurrence.job} ${occurrence.slot} of release ${release.id}`);
        }
        continue;
      }
      if (await deps.store.cadence.claim({ ...key, owner })) work.push({ release, occurrence });
    }
  }
  let next = 0;
  const worker = async () => {
    for (let item = work[next++]; item; item = work[next++]) {
      const { release, occurrence } = item;
      try {
        await RUNNERS[occurrence.job](deps, release, occurrence);
        await deps.store.cadence.finish(release.id, occurrence.job, occurrence.slot, 'done', deps.clock.now());
        result.ran += 1;
      } catch (error) {
        deps.logger.error(`${occurrence.job} ${occurrence.slot} of release ${release.id} failed`, error);
        const message = error instanceof Error ? error.message : String(error);
        await deps.store.cadence.finish(
          release.id,
          occurrence.job,
          occurrence.slot,
          'failed',
          deps.clock.now(),
          message,
        );
        result.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CADENCE_CONCURRENCY, work.length) }, worker));
  for (const { release, config } of dmReleases) {
    try {
      result.ran += (await runDmStandups(deps, release, config, owner)).prompted;
    } catch (error) {
      deps.logger.error(`DM standups of release ${release.id} failed`, error);
      result.failed += 1;
    }
  }
  return result;
}
