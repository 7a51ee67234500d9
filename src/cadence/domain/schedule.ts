import { addDays, type CalendarDate, daysBetween, weekdayOf } from '../../core/domain/calendar.ts';
import { type Holidays, isHoliday, NO_HOLIDAYS, zonedTimeToUtc } from '../../core/domain/local-time.ts';

/**
 * The release cadence's calendar: standups on working days inside the window, a weekly risk review before the target.
 * Times are wall-clock times in the release's IANA zone (see core/domain/local-time.ts). Pure.
 */

const HOUR = 3_600_000;

/** Where standup prompts go: one prompt in the release channel, or a DM to each role holder at their local time. */
export const STANDUP_DELIVERIES = ['channel', 'dm'] as const;
export type StandupDelivery = (typeof STANDUP_DELIVERIES)[number];

export type CadenceConfig = {
  standupDelivery: StandupDelivery;
  standupTime: number;
  workingDays: number[];
  reminderAfterMs: number;
  cutoffAfterMs: number;
  holidays: Holidays;
  riskDay: number;
  riskTime: number;
  /** How long leads have to review their risks before the weekly report is posted. */
  riskCollectMs: number;
  /** When the configuration last changed: occurrences due before it are not owed. */
  updatedAt: Date | null;
};

export const DEFAULT_CADENCE: CadenceConfig = {
  standupDelivery: 'channel',
  standupTime: 9 * 60 + 30,
  workingDays: [1, 2, 3, 4, 5],
  reminderAfterMs: 2 * HOUR,
  cutoffAfterMs: 4 * HOUR,
  holidays: NO_HOLIDAYS,
  riskDay: 1,
  riskTime: 10 * 60,
  riskCollectMs: 4 * HOUR,
  updatedAt: null,
};

export const CADENCE_JOBS = ['standup', 'risk_weekly'] as const;
export type CadenceJob = (typeof CADENCE_JOBS)[number];

export const JOB_LABELS: Record<CadenceJob, string> = {
  standup: 'Daily standup',
  risk_weekly: 'Weekly risk review',
};

/** One scheduled run: `slot` is the calendar date in the release's zone, `at` the instant it is due. */
export type Occurrence = { job: CadenceJob; slot: CalendarDate; at: Date };

export type ScheduledRelease = {
  windowStart: CalendarDate | null;
  windowEnd: CalendarDate | null;
  targetDate: CalendarDate;
  timeZone: string;
  createdAt: Date;
};

export function isWorkingDay(config: Pick<CadenceConfig, 'workingDays' | 'holidays'>, date: CalendarDate): boolean {
  return config.workingDays.includes(weekdayOf(date)) && !isHoliday(config.holidays, date);
}

/** Standup days: working days inside the window that are not holidays. */
export function standupOccurrences(
  release: ScheduledRelease,
  config: CadenceConfig,
  from: CalendarDate,
  to: CalendarDate,
): Occurrence[] {
  if (!release.windowStart || !release.windowEnd) return [];
  const first = daysBetween(from, release.windowStart) > 0 ? release.windowStart : from;
  const last = daysBetween(release.windowEnd, to) > 0 ? release.windowEnd : to;
  const out: Occurrence[] = [];
  for (let day = first; daysBetween(day, last) >= 0; day = addDays(day, 1)) {
    if (!isWorkingDay(config, day)) continue;
    out.push({ job: 'standup', slot: day, at: zonedTimeToUtc(day, config.standupTime, release.timeZone) });
  }
  return out;
}

/**
 * The weekly risk review, on the configured weekday up to the target date. The slot is that weekday's date; when it is
 * a holiday or not a working day, the review moves to the next working day of the same week.
 */
export function riskOccurrences(
  release: ScheduledRelease,
  config: CadenceConfig,
  from: CalendarDate,
  to: CalendarDate,
): Occurrence[] {
  const last = daysBetween(release.targetDate, to) > 0 ? release.targetDate : to;
  const out: Occurrence[] = [];
  const offset = (config.riskDay - weekdayOf(from) + 7) % 7;
  for (let slot = addDays(from, offset); daysBetween(slot, last) >= 0; slot = addDays(slot, 7)) {
    let day = slot;
    for (let i = 0; i < 7 && !isWorkingDay(config, day); i += 1) day = addDays(day, 1);
    if (!isWorkingDay(config, day)) day = slot;
    if (daysBetween(day, release.targetDate) < 0) continue;
    out.push({ job: 'risk_weekly', slot, at: zonedTimeToUtc(day, config.riskTime, release.timeZone) });
  }
  return out;
}

export function occurrencesBetween(
  release: ScheduledRelease,
  config: CadenceConfig,
  from: CalendarDate,
  to: CalendarDate,
): Occurrence[] {
  return [...standupOccurrences(release, config, from, to), ...riskOccurrences(release, config, from, to)].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
}

export type DueDecision = { occurrence: Occurrence; action: 'run' | 'missed' };

/** How far back a tick looks for occurrences it still owes (run or record as missed). */
export const LOOKBACK_DAYS = 8;

/**
 * What is owed at `now`: occurrences due at or before `now`, not before the release existed or its cadence last
 * changed, run when no later than `graceMs`, otherwise recorded as missed. Whether each was already claimed is the
 * store's business.
 */
export function dueOccurrences(
  release: ScheduledRelease,
  config: CadenceConfig,
  now: Date,
  graceMs: number,
  today: CalendarDate,
): DueDecision[] {
  const notBefore = Math.max(release.createdAt.getTime(), config.updatedAt?.getTime() ?? 0);
  return occurrencesBetween(release, config, addDays(today, -LOOKBACK_DAYS), addDays(today, 1))
    .filter((o) => o.at.getTime() <= now.getTime() && o.at.getTime() >= notBefore)
    .map((occurrence) => ({
      occurrence,
      action: now.getTime() - occurrence.at.getTime() <= graceMs ? ('run' as const) : ('missed' as const),
    }));
}

/** The next runs after `now`, soonest first. */
export function upcomingOccurrences(
  release: ScheduledRelease,
  config: CadenceConfig,
  now: Date,
  today: CalendarDate,
  limit: number,
): Occurrence[] {
  const horizon = addDays(today, 60);
  return occurrencesBetween(release, config, today, horizon)
    .filter((o) => o.at.getTime() > now.getTime())
    .slice(0, limit);
}

/** A role holder asked by DM, in their own zone (DM delivery). */
export type DmRecipient = { userId: string; timeZone: string };

/** One person's DM prompt of a standup: due at the standup time in their zone. */
export type DmPrompt = DmRecipient & { at: Date };

/** A standup delivered by DM: the prompts still to go out, soonest first, and when its one summary is posted. */
export type DmStandup = { slot: CalendarDate; prompts: DmPrompt[]; summaryAt: Date };

/**
 * The summary of a DM standup of `slot`: after the last person's prompt (and never before the standup time in the
 * release's zone), plus the cut-off.
 */
export function dmSummaryAt(
  config: Pick<CadenceConfig, 'standupTime' | 'cutoffAfterMs'>,
  slot: CalendarDate,
  releaseZone: string,
  zones: readonly string[],
): Date {
  const last = Math.max(
    zonedTimeToUtc(slot, config.standupTime, releaseZone).getTime(),
    ...zones.map((zone) => zonedTimeToUtc(slot, config.standupTime, zone).getTime()),
  );
  return new Date(last + config.cutoffAfterMs);
}

/**
 * The next DM standups, as `/release schedule` lists them: each standup day (the release's, from yesterday on, since a
 * person west of the release may still be due yesterday's) with the prompts still ahead of `now`, each at the standup
 * time in that person's zone. A day whose prompts have all gone out is left out. At most `limit` days.
 */
export function upcomingDmStandups(
  release: ScheduledRelease,
  config: CadenceConfig,
  people: readonly DmRecipient[],
  now: Date,
  today: CalendarDate,
  limit: number,
): DmStandup[] {
  const out: DmStandup[] = [];
  for (const { slot } of standupOccurrences(release, config, addDays(today, -1), addDays(today, 60))) {
    if (out.length >= limit) break;
    const prompts = people
      .map((p) => ({ ...p, at: zonedTimeToUtc(slot, config.standupTime, p.timeZone) }))
      .filter((p) => p.at.getTime() > now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.userId.localeCompare(b.userId));
    if (prompts.length === 0) continue;
    out.push({
      slot,
      prompts,
      summaryAt: dmSummaryAt(
        config,
        slot,
        release.timeZone,
        people.map((p) => p.timeZone),
      ),
    });
  }
  return out;
}
