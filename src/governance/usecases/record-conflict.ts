import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, type Role } from '../../core/domain/roles.ts';
import type { GovernanceDeps } from '../deps.ts';
import { type AuthorityArea, type AuthorityConflict, decidingRoles, MAX_DECISION_TEXT } from '../domain/authority.ts';

export type ConflictResult =
  | { ok: true; conflict: AuthorityConflict; deciders: Array<{ role: Role; userIds: string[] }>; managers: string[] }
  | Failure;

/**
 * Records a disagreement with both perspectives before the decision (seed: Conflict Resolution — document both
 * perspectives, escalate to the Release Manager for coordination). Anyone on the release may record one.
 */
export async function recordConflict(
  deps: GovernanceDeps,
  input: { release: Release; actorId: string; area: AuthorityArea; perspectiveA: string; perspectiveB: string },
): Promise<ConflictResult> {
  const a = input.perspectiveA.trim();
  const b = input.perspectiveB.trim();
  if (a === '' || b === '') return fail('Give both perspectives, separated by `|`.');
  if (a.length > MAX_DECISION_TEXT || b.length > MAX_DECISION_TEXT)
    return fail(`Keep each perspective under ${MAX_DECISION_TEXT} characters.`);
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<ConflictResult> => {
    const release = await store.releases.findById(input.release.id);
    if (!release) return fail('That release no longer exists.');
    if (!isActive(release)) return fail(`${releaseLabel(release)} has ended.`);
    const conflict = await store.governance.recordConflict({
      releaseId: release.id,
      area: input.area.key,
      perspectiveA: a,
      perspectiveB: b,
      recordedBy: input.actorId,
      recordedAt: now,
    });
    await store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'conflict.recorded',
      subject: input.area.key,
      after: { conflictId: conflict.id, perspectiveA: a, perspectiveB: b },
      at: now,
    });
    const assignments = await store.releases.assignments(release.id);
    return {
      ok: true,
      conflict,
      deciders: decidingRoles(input.area).map((role) => ({ role, userIds: holdersOf(assignments, role) })),
      managers: holdersOf(assignments, 'rm'),
    };
  });
}
