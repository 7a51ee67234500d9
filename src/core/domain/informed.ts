import { ACTIVITY_LABELS, type Activity, DEFAULT_RACI, type RaciMatrix, rolesWithLetter } from './raci.ts';
import type { LifecycleAction } from './release.ts';
import { holdersOf, ROLE_LABELS, type Role, type RoleAssignment } from './roles.ts';

/**
 * Which RACI activity a lifecycle change belongs to, so the roles the matrix marks Informed for it are told.
 * Shipping, finishing and rolling back are all about the deployment; cancelling is a planning call.
 */
export const LIFECYCLE_ACTIVITY: Record<LifecycleAction, Activity> = {
  ship: 'deployment',
  done: 'deployment',
  rolledback: 'deployment',
  cancel: 'release_planning',
};

export type InformedParty = { role: Role; userIds: string[] };

/** The Informed roles of `activity` and who holds them now; roles nobody holds are left out. */
export function informedParties(
  activity: Activity,
  assignments: readonly RoleAssignment[],
  matrix: RaciMatrix = DEFAULT_RACI,
): InformedParty[] {
  return rolesWithLetter(matrix, activity, 'I')
    .map((role) => ({ role, userIds: holdersOf(assignments, role) }))
    .filter((party) => party.userIds.length > 0);
}

/** The one thread reply that tells the Informed parties, or undefined when there is nobody to tell. */
export function formatInformedMention(activity: Activity, parties: readonly InformedParty[]): string | undefined {
  if (parties.length === 0) return undefined;
  const who = parties.map((p) => `${p.userIds.map((id) => `<@${id}>`).join(', ')} (${ROLE_LABELS[p.role]})`).join(', ');
  return `For your information: ${who}. The RACI matrix keeps you Informed on ${ACTIVITY_LABELS[activity]}.`;
}
