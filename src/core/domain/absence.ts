import type { CalendarDate } from './calendar.ts';

/**
 * A role holder away (`/release away`): through `untilDate` (inclusive, a calendar date in the release's zone), with
 * an optional delegate who may act for the holder's roles meanwhile. The Release Manager's delegate decides only
 * when `mayDecide` (`decide:yes`).
 */
export type Absence = {
  releaseId: number;
  userId: string;
  untilDate: CalendarDate;
  delegateId: string | null;
  mayDecide: boolean;
  setAt: Date;
};

/** Whether the absence covers `today` (a calendar date in the release's zone). */
export function isAwayOn(absence: Absence, today: CalendarDate): boolean {
  return absence.untilDate >= today;
}
