import type { CalendarDate } from './calendar.ts';

/**
 * A role holder away (`/release away`): from `fromDate` through `untilDate` (inclusive, calendar dates in the
 * release's zone), with an optional delegate who may act for the holder's roles meanwhile. The Release Manager's
 * delegate decides only when `mayDecide` (`decide:yes`). Absences are history: an ended one keeps its days (its
 * `untilDate` moved to the day before it ended), so past standups stay excused. `fromDate` is null on absences
 * recorded before start dates were kept (away since whenever, as they were then read).
 */
export type Absence = {
  releaseId: number;
  userId: string;
  fromDate: CalendarDate | null;
  untilDate: CalendarDate;
  delegateId: string | null;
  mayDecide: boolean;
  setAt: Date;
};

/** Whether the absence covers `today` (a calendar date in the release's zone). */
export function isAwayOn(absence: Absence, today: CalendarDate): boolean {
  return (absence.fromDate === null || absence.fromDate <= today) && absence.untilDate >= today;
}
