import { type CalendarDate, canonicalTimeZone, daysBetween, isValidTimeZone, parseCalendarDate } from './calendar.ts';
import { escapeMrkdwn } from './markup.ts';

/**
 * A release's lifecycle. `approved` is reached by a Go decision; `done`, `rolled_back` and `cancelled` end it.
 */
export const RELEASE_STATUSES = ['planning', 'approved', 'shipped', 'done', 'rolled_back', 'cancelled'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const ACTIVE_STATUSES: readonly ReleaseStatus[] = ['planning', 'approved', 'shipped'];

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  planning: 'Planning',
  approved: 'Approved for deployment',
  shipped: 'Shipped',
  done: 'Done',
  rolled_back: 'Rolled back',
  cancelled: 'Cancelled',
};

export type Release = {
  id: number;
  teamId: string;
  channelId: string;
  name: string;
  targetDate: CalendarDate;
  windowStart: CalendarDate | null;
  windowEnd: CalendarDate | null;
  timeZone: string;
  status: ReleaseStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  shippedAt: Date | null;
  endedAt: Date | null;
};

export function isActive(release: Pick<Release, 'status'>): boolean {
  return ACTIVE_STATUSES.includes(release.status);
}

export const LIFECYCLE_ACTIONS = {
  ship: { from: ['planning', 'approved'], to: 'shipped', verb: 'shipped' },
  done: { from: ['shipped'], to: 'done', verb: 'marked done' },
  rolledback: { from: ['shipped'], to: 'rolled_back', verb: 'marked rolled back' },
  cancel: { from: ['planning', 'approved'], to: 'cancelled', verb: 'cancelled' },
} as const satisfies Record<string, { from: readonly ReleaseStatus[]; to: ReleaseStatus; verb: string }>;
export type LifecycleAction = keyof typeof LIFECYCLE_ACTIONS;

export type TransitionResult =
  | { ok: true; to: ReleaseStatus }
  | { ok: false; reason: 'not_allowed_from'; from: ReleaseStatus; allowedFrom: readonly ReleaseStatus[] };

export function decideTransition(release: Pick<Release, 'status'>, action: LifecycleAction): TransitionResult {
  const rule = LIFECYCLE_ACTIONS[action];
  if (!(rule.from as readonly ReleaseStatus[]).includes(release.status)) {
    return { ok: false, reason: 'not_allowed_from', from: release.status, allowedFrom: rule.from };
  }
  return { ok: true, to: rule.to };
}

export const MAX_RELEASE_NAME = 80;

export type ReleaseDraft = {
  name: string;
  targetDate: string;
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  timeZone: string;
};

export type DraftField = 'name' | 'targetDate' | 'windowStart' | 'windowEnd' | 'timeZone';
export type DraftProblem = { field: DraftField; message: string };

export type ValidDraft = {
  name: string;
  targetDate: CalendarDate;
  windowStart: CalendarDate | null;
  windowEnd: CalendarDate | null;
  timeZone: string;
};

/**
 * Checks a new release's fields. `today` is the creator's date in the release's zone, so a target of today is allowed
 * and yesterday is not.
 */
export function validateReleaseDraft(
  draft: ReleaseDraft,
  todayIn: (timeZone: string) => CalendarDate,
): { ok: true; value: ValidDraft } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim().replace(/\s+/g, ' ');
  if (name.length === 0) problems.push({ field: 'name', message: 'The release needs a name.' });
  else if (name.length > MAX_RELEASE_NAME)
    problems.push({ field: 'name', message: `A release name is at most ${MAX_RELEASE_NAME} characters.` });

  const timeZone = draft.timeZone.trim();
  const timeZoneOk = isValidTimeZone(timeZone);
  if (!timeZoneOk)
    problems.push({
      field: 'timeZone',
      message: `\`${escapeMrkdwn(timeZone)}\` is not a time zone I know. Use an IANA name such as \`Europe/Berlin\`.`,
    });

  const targetDate = parseCalendarDate(draft.targetDate);
  if (!targetDate)
    problems.push({
      field: 'targetDate',
      message: `\`${escapeMrkdwn(draft.targetDate)}\` is not a date. Write it as YYYY-MM-DD.`,
    });
  else if (timeZoneOk && daysBetween(todayIn(timeZone), targetDate) < 0)
    problems.push({ field: 'targetDate', message: `The target date ${targetDate} is in the past.` });

  const windowStart = (draft.windowStart && parseCalendarDate(draft.windowStart)) || null;
  const windowEnd = (draft.windowEnd && parseCalendarDate(draft.windowEnd)) || null;
  if (draft.windowStart && !windowStart)
    problems.push({
      field: 'windowStart',
      message: `\`${escapeMrkdwn(draft.windowStart)}\` is not a date. Write it as YYYY-MM-DD.`,
    });
  if (draft.windowEnd && !windowEnd)
    problems.push({
      field: 'windowEnd',
      message: `\`${escapeMrkdwn(draft.windowEnd)}\` is not a date. Write it as YYYY-MM-DD.`,
    });
  if (Boolean(draft.windowStart) !== Boolean(draft.windowEnd))
    problems.push({
      field: draft.windowStart ? 'windowEnd' : 'windowStart',
      message: 'A release window needs both a first and a last day.',
    });
  if (windowStart && windowEnd && daysBetween(windowStart, windowEnd) < 0)
    problems.push({
      field: 'windowEnd',
      message: `The window ends (${windowEnd}) before it starts (${windowStart}).`,
    });

  if (problems.length > 0 || !targetDate) return { ok: false, problems };
  return { ok: true, value: { name, targetDate, windowStart, windowEnd, timeZone: canonicalTimeZone(timeZone) } };
}

/** Days from `today` to the target date; negative once it has passed. */
export function daysToTarget(release: Pick<Release, 'targetDate'>, today: CalendarDate): number {
  return daysBetween(today, release.targetDate);
}

export function isInWindow(release: Pick<Release, 'windowStart' | 'windowEnd'>, day: CalendarDate): boolean {
  if (!release.windowStart || !release.windowEnd) return false;
  return daysBetween(release.windowStart, day) >= 0 && daysBetween(day, release.windowEnd) >= 0;
}
