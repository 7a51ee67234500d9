import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS, type Role } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';
import { rolesChanged } from './created-message.ts';
import { recordRoleTakenBack } from './role-changes.ts';

export type UnassignRoleInput = { release: Release; actorId: string; role: Role; userId: string };

/** Taking a role back is the Release Manager's call alone (commands.md). */
export async function unassignRole(deps: ReleasesDeps, input: UnassignRoleInput): Promise<{ ok: true } | Failure> {
  const { store } = deps;
  const { release, actorId, role, userId } = input;
  const now = deps.clock.now();
  const result = await store.transaction(async (): Promise<{ ok: true } | Failure> => {
    const assignments = await store.releases.assignments(release.id);
    if (!isReleaseManager(assignments, actorId)) {
      const managers = holdersOf(assignments, 'rm');
      return fail(
        managers.length === 0
          ? `${releaseLabel(release)} has no ${ROLE_LABELS.rm} yet; only a ${ROLE_LABELS.rm} can take roles back.`
          : `Only the ${ROLE_LABELS.rm} (${managers.map((id) => `<@${id}>`).join(', ')}) can take roles back.`,
      );
    }
    if (!(await store.releases.unassign(release.id, role, userId))) {
      return fail(`<@${userId}> does not hold the ${ROLE_LABELS[role]} role on ${releaseLabel(release)}.`);
    }
    await recordRoleTakenBack(store, { release, role, userId, actorId, now });
    return { ok: true as const };
  });
  if (result.ok) {
    await rolesChanged(deps, release.id);
    // Their Home loses the release's card; the others' lose the line about their role.
    deps.homeRefresh.changed(release.id, [userId]);
  }
  return result;
}
