import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { decideRoleEligibility } from '../../core/domain/people.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS, type Role } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';
import { rolesChanged } from './created-message.ts';
import { giveRole } from './role-changes.ts';

export type AssignRolesInput = { release: Release; actorId: string; role: Role; userIds: string[] };
export type AssignRolesResult =
  | { ok: true; added: string[]; alreadyHeld: string[]; replacedReleaseManager: string | undefined }
  | Failure;

/** Who may change roles: the Release Manager, or anyone while the release has none (so it can be bootstrapped). */
export async function whyCannotManageRoles(
  release: Release,
  deps: ReleasesDeps,
  actorId: string,
): Promise<string | undefined> {
  const assignments = await deps.store.releases.assignments(release.id);
  const managers = holdersOf(assignments, 'rm');
  if (managers.length === 0 || isReleaseManager(assignments, actorId)) return undefined;
  return `Only the ${ROLE_LABELS.rm} (${managers.map((id) => `<@${id}>`).join(', ')}) can change roles on ${releaseLabel(release)}.`;
}

export async function assignRoles(deps: ReleasesDeps, input: AssignRolesInput): Promise<AssignRolesResult> {
  const { release, actorId, role } = input;
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return fail(`Name at least one person for the ${ROLE_LABELS[role]} role.`);
  if (role === 'rm' && userIds.length > 1) {
    return fail(`A release has one ${ROLE_LABELS.rm}, who is accountable for it. Name one person.`);
  }
  const denied = await whyCannotManageRoles(release, deps, actorId);
  if (denied) return fail(denied);

  for (const userId of userIds) {
    const person = await deps.users.lookup(userId);
    if (!person) return fail(`I can't find <@${userId}> in this workspace.`);
    const eligible = decideRoleEligibility(person, role);
    if (!eligible.ok) return fail(eligible.reason);
  }

  const { store } = deps;
  const now = deps.clock.now();
  const result = await store.transaction(async (): Promise<AssignRolesResult> => {
    // Re-checked inside the transaction: roles may have changed while we looked people up.
    const deniedNow = await whyCannotManageRoles(release, deps, actorId);
    if (deniedNow) return fail(deniedNow);
    const current = holdersOf(await store.releases.assignments(release.id), role);
    const added = userIds.filter((id) => !current.includes(id));
    const alreadyHeld = userIds.filter((id) => current.includes(id));
    let replacedReleaseManager: string | undefined;
    if (role === 'rm' && added.length > 0) {
      for (const previous of current) {
        await store.releases.unassign(release.id, 'rm', previous);
        replacedReleaseManager = previous;
      }
    }
    for (const userId of added) {
      await giveRole(store, { release, role, userId, actorId, now, replaced: replacedReleaseManager });
    }
    return { ok: true, added, alreadyHeld, replacedReleaseManager };
  });
  if (result.ok && result.added.length > 0) {
    await rolesChanged(deps, release.id);
    deps.homeRefresh.changed(release.id, result.replacedReleaseManager ? [result.replacedReleaseManager] : []);
  }
  return result;
}
