import type { Release } from '../../core/domain/release.ts';
import type { RoleAssignment } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { ReleasesDeps } from '../deps.ts';

/**
 * Posts the roles card after the release is created (a timer, so it follows the "created" message in the channel
 * and is made once even if the process dies), and brings it up to date when a render was owed.
 */
export const ROLES_CARD_TIMER = 'release.roles-card';

export async function scheduleRolesCard(deps: Pick<ReleasesDeps, 'store'>, releaseId: number, at: Date): Promise<void> {
  await deps.store.timers.schedule({
    kind: ROLES_CARD_TIMER,
    key: `${ROLES_CARD_TIMER}:${releaseId}`,
    releaseId,
    dueAt: at,
    payload: { releaseId },
  });
}

/** The card's state, read afresh for every render. */
export async function loadRolesCard(
  deps: ReleasesDeps,
  releaseId: number,
): Promise<{ release: Release; assignments: RoleAssignment[] } | undefined> {
  const release = await deps.store.releases.findById(releaseId);
  if (!release) return undefined;
  return { release, assignments: await deps.store.releases.assignments(releaseId) };
}

/** After a role changed: re-render the card. Never fails the change; a render not made now is owed and made later. */
export async function rolesChanged(deps: ReleasesDeps, releaseId: number): Promise<void> {
  try {
    await deps.rolesCard?.refresh(releaseId);
  } catch (error) {
    deps.logger.warn(`could not refresh the roles card of release ${releaseId}`, error);
  }
}

export async function rolesCardTimer(deps: ReleasesDeps, timer: Timer): Promise<void> {
  const releaseId = (timer.payload as { releaseId?: unknown } | null)?.releaseId;
  if (typeof releaseId === 'number') await deps.rolesCard?.refresh(releaseId);
}
