import type { Absence } from '../core/domain/absence.ts';
import type { Release, ReleaseStatus } from '../core/domain/release.ts';
import type { Role, RoleAssignment } from '../core/domain/roles.ts';
import type { NewScheduleChange, ScheduleChange } from '../core/domain/schedule-change.ts';

export type NewRelease = Pick<
  Release,
  'teamId' | 'channelId' | 'name' | 'targetDate' | 'windowStart' | 'windowEnd' | 'timeZone' | 'createdBy' | 'createdAt'
>;

/**
 * Each call is its own statement: a use case that reads, checks and writes does so inside `store.transaction`, since
 * other requests run between its awaits.
 */
export type ReleaseStore = {
  insert: (release: NewRelease) => Promise<Release>;
  findById: (id: number) => Promise<Release | undefined>;
  findActiveInChannel: (teamId: string, channelId: string) => Promise<Release | undefined>;
  findByName: (teamId: string, name: string) => Promise<Release | undefined>;
  listActive: (teamId: string) => Promise<Release[]>;
  listFinished: (teamId: string, limit: number) => Promise<Release[]>;
  setStatus: (id: number, status: ReleaseStatus, at: Date) => Promise<Release>;
  assignments: (releaseId: number) => Promise<RoleAssignment[]>;
  assign: (assignment: RoleAssignment) => Promise<void>;
  unassign: (releaseId: number, role: Role, userId: string) => Promise<boolean>;
  /** Active releases where the user holds at least one role. */
  listForMember: (teamId: string, userId: string) => Promise<Release[]>;
  /** Moves the release's target and window to `change.after` and appends the change to its history. */
  reschedule: (change: NewScheduleChange) => Promise<Release>;
  /** Every reschedule of the release, oldest first. */
  scheduleChanges: (releaseId: number) => Promise<ScheduleChange[]>;
  /**
   * Records a person's absence from a release from `absence.fromDate`; an absence of theirs still running then is
   * ended the day before (kept as history), one not begun yet is replaced.
   */
  setAbsence: (absence: Absence) => Promise<void>;
  /**
   * Ends a person's absence on `today` (they are back): one begun before is kept through yesterday, one begun today
   * or later is dropped. False when none covered today or later.
   */
  endAbsence: (releaseId: number, userId: string, today: string) => Promise<boolean>;
  /** Every absence recorded for the release (past ones too; `isAwayOn` tells which cover a day). */
  absences: (releaseId: number) => Promise<Absence[]>;
};

/** Keeps the release's own messages true: the "created" message re-rendered from the database as roles change. */
export type ReleaseMessages = { refreshCreated: (releaseId: number) => Promise<void> };

/** A person who has opened their App Home, and the releases its last published version showed. */
export type HomeViewer = { teamId: string; userId: string; shown: number[]; publishedAt: Date };

/** Who has an App Home worth publishing again (`home_viewers`). */
export type HomeStore = {
  /** Records (or replaces) what was just published to the person's Home. */
  remember: (viewer: HomeViewer) => Promise<void>;
  /** Everyone of the workspace who has opened their Home, by user id. */
  viewers: (teamId: string) => Promise<HomeViewer[]>;
};

/**
 * Publishes the App Home again for the people a change concerns, soon and off the request's path: `changed` only
 * notes the release (and, besides its usual audience, `userIds`) and returns at once; it never throws. Changes in a
 * burst are published once per person.
 */
export type HomeRefresher = {
  changed: (releaseId: number, userIds?: readonly string[]) => void;
  /**
   * The person's Home was just published (after a click on it, with its notice on top): a refresh of changes noted
   * before this would only repeat it, and wipe the notice.
   */
  published: (userId: string) => void;
};
