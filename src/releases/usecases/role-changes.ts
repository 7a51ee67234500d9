import type { Release } from '../../core/domain/release.ts';
import type { Role } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';

type RoleChange = { release: Release; role: Role; userId: string; actorId: string; now: Date };

/** Gives `userId` the role, audited; `replaced` is the Release Manager it hands over from. */
export async function giveRole(
  store: ReleasesDeps['store'],
  { release, role, userId, actorId, now, replaced }: RoleChange & { replaced?: string },
): Promise<void> {
  await store.releases.assign({ releaseId: release.id, role, userId, assignedBy: actorId, assignedAt: now });
  await store.audit.record({
    teamId: release.teamId,
    releaseId: release.id,
    actorId,
    action: 'role.assigned',
    subject: `${role}:${userId}`,
    before: replaced ? { role, userId: replaced } : undefined,
    after: { role, userId },
    at: now,
  });
}

/** The audit entry of a role taken back (the caller has taken it). */
export async function recordRoleTakenBack(
  store: ReleasesDeps['store'],
  { release, role, userId, actorId, now }: RoleChange,
): Promise<void> {
  await store.audit.record({
    teamId: release.teamId,
    releaseId: release.id,
    actorId,
    action: 'role.unassigned',
    subject: `${role}:${userId}`,
    before: { role, userId },
    at: now,
  });
}
