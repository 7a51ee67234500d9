import type { Release, ReleaseStatus } from '../core/domain/release.ts';
import type { Role, RoleAssignment } from '../core/domain/roles.ts';

export type NewRelease = Pick<
  Release,
  'teamId' | 'channelId' | 'name' | 'targetDate' | 'windowStart' | 'windowEnd' | 'timeZone' | 'createdBy' | 'createdAt'
>;

/**
 * The store is synchronous on purpose: better-sqlite3 is, and a use case that reads, checks and writes without an
 * `await` in between cannot interleave with another request in this process.
 */
export type ReleaseStore = {
  insert: (release: NewRelease) => Release;
  findById: (id: number) => Release | undefined;
  findActiveInChannel: (teamId: string, channelId: string) => Release | undefined;
  findByName: (teamId: string, name: string) => Release | undefined;
  listActive: (teamId: string) => Release[];
  listFinished: (teamId: string, limit: number) => Release[];
  setStatus: (id: number, status: ReleaseStatus, at: Date) => Release;
  assignments: (releaseId: number) => RoleAssignment[];
  assign: (assignment: RoleAssignment) => void;
  unassign: (releaseId: number, role: Role, userId: string) => boolean;
  /** Active releases where the user holds at least one role. */
  listForMember: (teamId: string, userId: string) => Release[];
};
