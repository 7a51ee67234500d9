import { type Failure, fail } from '../../core/deps.ts';
import { decideRoleEligibility } from '../../core/domain/people.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS, ROLES, type Role } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';
import { whyCannotManageRoles } from './assign-roles.ts';
import { rolesChanged } from './created-message.ts';
import { giveRole, recordRoleTakenBack } from './role-changes.ts';

/** Who should hold each role after the form; a role left out is not touched. */
export type ChosenHolders = Partial<Record<Role, string[]>>;

export type SetRolesInput = { release: Release; actorId: string; chosen: ChosenHolders };

export type RoleChange = {
  role: Role;
  added: string[];
  removed: string[];
  /** Emptied or dropped from the picker but kept: only the Release Manager takes roles back. */
  kept: string[];
};

export type SetRolesResult =
  | { ok: true; changes: RoleChange[]; holders: Record<Role, string[]>; changed: boolean }
  /** Problems with the people picked, by role, so each shows under its picker. */
  | { ok: false; problems: Array<{ role: Role; message: string }> }
  | Failure;

const STALE = 'The roles changed while this form was open. Close it and run `/release roles` again.';

/**
 * The roles form: every role's holders set in one go. All of it is checked before anything is written (who may
 * change roles, one Release Manager, who may hold each role), then the whole difference is written in one
 * transaction with an audit entry per change, as `role` and `unrole` would. A person removed from a picker loses the
 * role only when the actor may take roles back (the Release Manager, as for `unrole`); otherwise they keep it.
 */
export async function setRoles(deps: ReleasesDeps, input: SetRolesInput): Promise<SetRolesResult> {
  const { release, actorId } = input;
  const chosen = new Map<Role, string[]>();
  for (const role of ROLES) {
    const ids = input.chosen[role];
    if (ids) chosen.set(role, [...new Set(ids)]);
  }
  if ((chosen.get('rm')?.length ?? 0) > 1) {
    return {
      ok: false,
      problems: [
        { role: 'rm', message: `A release has one ${ROLE_LABELS.rm}, who is accountable for it. Pick one person.` },
      ],
    };
  }
  const denied = await whyCannotManageRoles(release, deps, actorId);
  if (denied) return fail(denied);

  const before = await deps.store.releases.assignments(release.id);
  const problems: Array<{ role: Role; message: string }> = [];
  const checked = new Set<string>();
  for (const [role, userIds] of chosen) {
    const current = holdersOf(before, role);
    for (const userId of userIds.filter((id) => !current.includes(id))) {
      const person = await deps.users.lookup(userId);
      const eligible = person
        ? decideRoleEligibility(person, role)
        : { ok: false as const, reason: `I can't find <@${userId}> in this workspace.` };
      if (eligible.ok) checked.add(`${role}:${userId}`);
      else problems.push({ role, message: eligible.reason });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const { store } = deps;
  const now = deps.clock.now();
  const result = await store.transaction(async (): Promise<SetRolesResult> => {
    // Re-checked inside the transaction: roles may have changed while we looked people up.
    const deniedNow = await whyCannotManageRoles(release, deps, actorId);
    if (deniedNow) return fail(deniedNow);
    const assignments = await store.releases.assignments(release.id);
    const mayTakeBack = isReleaseManager(assignments, actorId);
    const changes: RoleChange[] = [];
    for (const [role, userIds] of chosen) {
      const current = holdersOf(assignments, role);
      const added = userIds.filter((id) => !current.includes(id));
      if (added.some((id) => !checked.has(`${role}:${id}`))) return fail(STALE);
      const dropped = current.filter((id) => !userIds.includes(id));
      // Naming a new Release Manager hands the role over (as `role rm` does); that is not taking it back.
      const handover = role === 'rm' && added.length > 0;
      const removed = handover || mayTakeBack ? dropped : [];
      const kept = dropped.filter((id) => !removed.includes(id));
      for (const userId of removed) {
        await store.releases.unassign(release.id, role, userId);
        if (!handover) await recordRoleTakenBack(store, { release, role, userId, actorId, now });
      }
      const replaced = handover ? removed[0] : undefined;
      for (const userId of added) await giveRole(store, { release, role, userId, actorId, now, replaced });
      if (added.length + removed.length + kept.length > 0) changes.push({ role, added, removed, kept });
    }
    const after = await store.releases.assignments(release.id);
    const holders = Object.fromEntries(ROLES.map((role) => [role, holdersOf(after, role)])) as Record<Role, string[]>;
    const changed = changes.some((c) => c.added.length + c.removed.length > 0);
    return { ok: true, changes, holders, changed };
  });
  if (result.ok && result.changed) {
    await rolesChanged(deps, release.id);
    deps.homeRefresh.changed(
      release.id,
      result.changes.flatMap((c) => c.removed),
    );
  }
  return result;
}
