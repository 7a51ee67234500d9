import type { CalendarDate } from './calendar.ts';

/** A release's dates: the target and the window in which standups run. */
export type ReleaseDates = {
  targetDate: CalendarDate;
  windowStart: CalendarDate | null;
  windowEnd: CalendarDate | null;
};

/** One reschedule of a release, kept forever: the dates before and after, who moved them and why. */
export type ScheduleChange = {
  id: number;
  releaseId: number;
  before: ReleaseDates;
  after: ReleaseDates;
  reason: string;
  changedBy: string;
  changedAt: Date;
};

export type NewScheduleChange = Omit<ScheduleChange, 'id'>;

/** The target a release was first given: the `before` of its first reschedule, or its target if never moved. */
export function originalTarget(current: CalendarDate, changes: readonly ScheduleChange[]): CalendarDate {
  return changes[0]?.before.targetDate ?? current;
}
