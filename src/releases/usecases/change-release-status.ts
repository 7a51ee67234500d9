import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { decideTransition, type LifecycleAction, type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';

export type ChangeStatusInput = { release: Release; actorId: string; action: LifecycleAction };
export type ChangeStatusResult = { ok: true; release: Release; before: Release } | Failure;

/** Ship, done, rolled back, cancel: the Release Manager's calls, each timestamped and audited. */
export async function changeReleaseStatus(deps: ReleasesDeps, input: ChangeStatusInput): Promise<ChangeStatusResult> {
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<ChangeStatusResult> => {
    const before = await store.releases.findById(input.release.id);
    if (!before) return fail('That release no longer exists.');
    const assignments = await store.releases.assignments(before.id);
    if (!isReleaseManager(assignments, input.actorId)) {
      const managers = holdersOf(assignments, 'rm');
      return fail(
        managers.length === 0
          ? `${releaseLabel(before)} has no ${ROLE_LABELS.rm}. Name one first: \`/release role rm @person\`.`
          : `Only the ${ROLE_LABELS.rm} (${managers.map((id) => `<@${id}>`).join(', ')}) can do that.`,
      );
    }
    const decision = decideTransition(before, input.action);
    if (!decision.ok) {
      const allowed = decision.allowedFrom.map((s) => STATUS_LABELS[s]).join(' or ');
      return fail(
        `${releaseLabel(before)} is ${STATUS_LABELS[before.status].toLowerCase()}; this needs it to be ${allowed}.`,
      );
    }
    const release = await store.releases.setStatus(before.id, decision.to, now);
    await store.audit.record({
      teamId: before.teamId,
      releaseId: before.id,
      actorId: input.actorId,
      action: 'release.status_changed',
      subject: input.action,
      before: { status: before.status },
      after: { status: release.status },
      at: now,
    });
    for (const changed of deps.contributions.statusChanged) await changed(release, before, now);
    return { ok: true, release, before };
  });
}
