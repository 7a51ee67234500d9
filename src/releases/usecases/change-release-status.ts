import { type Failure, fail } from '../../core/deps.ts';
import { lifecycleRoles, mayChangeLifecycle } from '../../core/domain/lifecycle.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { decideTransition, type LifecycleAction, type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import { holdersOf, ROLE_KEYWORDS, ROLE_LABELS, type RoleAssignment, rolesOf } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';

/** The steps this use case takes. Shipping is the deployment gate's (`src/gate`), which calls `applyStatusChange`. */
export type EndingAction = Exclude<LifecycleAction, 'ship'>;
export type ChangeStatusInput = { release: Release; actorId: string; action: EndingAction };
export type ChangeStatusResult = { ok: true; release: Release; before: Release } | Failure;

/**
 * Why `actorId` may not take this lifecycle step, or undefined when they may. The roles come from the RACI matrix
 * (`lifecycleRoles`): ship, done and rolled back are the Deployment row's A (DevOps) and R (Release Manager); cancel
 * is Release Planning's A (Release Manager).
 */
export function whyMayNotChangeStatus(
  release: Release,
  assignments: readonly RoleAssignment[],
  actorId: string,
  action: LifecycleAction,
): string | undefined {
  if (mayChangeLifecycle(action, rolesOf(assignments, actorId))) return undefined;
  const roles = lifecycleRoles(action);
  const held = roles.filter((role) => holdersOf(assignments, role).length > 0);
  if (held.length === 0) {
    const how = roles.map((role) => `\`/release role ${ROLE_KEYWORDS[role]} @person\``).join(' or ');
    return `${releaseLabel(release)} has no ${roles.map((r) => ROLE_LABELS[r]).join(' or ')}. Name one first: ${how}.`;
  }
  const who = held
    .map(
      (role) =>
        `the ${ROLE_LABELS[role]} (${holdersOf(assignments, role)
          .map((id) => `<@${id}>`)
          .join(', ')})`,
    )
    .join(' or ');
  return `Only ${who} can do that.`;
}

/**
 * The lifecycle step itself, for a caller that has already checked who may take it and runs inside its own
 * transaction (the deployment gate's ship): the transition is checked against the release as it is now, then the
 * status, the audit entry and the other modules' `statusChanged` steps land together.
 */
export async function applyStatusChange(
  deps: ReleasesDeps,
  input: { before: Release; actorId: string; action: LifecycleAction; now: Date },
): Promise<ChangeStatusResult> {
  const { store } = deps;
  const { before, now } = input;
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
}

/**
 * Done, rolled back, cancel: each by a person holding a role the RACI matrix gives the step, timestamped and audited
 * with who took it. Ship is not here on purpose: it goes through the deployment gate only.
 */
export async function changeReleaseStatus(deps: ReleasesDeps, input: ChangeStatusInput): Promise<ChangeStatusResult> {
  const { store } = deps;
  const person = await deps.users.lookup(input.actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only a person records a release’s lifecycle.`);
  const now = deps.clock.now();
  return store.transaction(async (): Promise<ChangeStatusResult> => {
    const before = await store.releases.findById(input.release.id);
    if (!before) return fail('That release no longer exists.');
    const denied = whyMayNotChangeStatus(
      before,
      await store.releases.assignments(before.id),
      input.actorId,
      input.action,
    );
    if (denied) return fail(denied);
    return applyStatusChange(deps, { before, actorId: input.actorId, action: input.action, now });
  });
}
