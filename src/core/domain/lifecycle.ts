import { LIFECYCLE_ACTIVITY } from './informed.ts';
import { DEFAULT_RACI, type RaciMatrix, rolesWithLetter } from './raci.ts';
import type { LifecycleAction } from './release.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * Who may move a release through its lifecycle, read from the RACI matrix rather than hard-coded.
 *
 * Recording a deployment (ship, done, rolled back) belongs to the Deployment row's Accountable role (DevOps) and its
 * Responsible role (the Release Manager): the one answers for it, the other does the work. Cancelling a release is a
 * planning call, so only Release Planning's Accountable role (the Release Manager) may make it; the planning row's
 * Responsible roles (Tech Lead, Product Owner) plan the release but do not decide to drop it.
 */
export function lifecycleRoles(action: LifecycleAction, matrix: RaciMatrix = DEFAULT_RACI): Role[] {
  const activity = LIFECYCLE_ACTIVITY[action];
  const letters = activity === 'deployment' ? (['A', 'R'] as const) : (['A'] as const);
  const allowed = letters.flatMap((letter) => rolesWithLetter(matrix, activity, letter));
  return ROLES.filter((role) => allowed.includes(role));
}

export function mayChangeLifecycle(action: LifecycleAction, actorRoles: readonly Role[]): boolean {
  return lifecycleRoles(action).some((role) => actorRoles.includes(role));
}
