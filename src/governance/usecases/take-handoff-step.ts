import { type Failure, fail } from '../../core/deps.ts';
import { formatInformedMention, informedParties } from '../../core/domain/informed.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, type RoleAssignment, rolesOf } from '../../core/domain/roles.ts';
import { whyNotAPerson } from '../../core/usecases/human-only.ts';
import type { GovernanceDeps } from '../deps.ts';
import {
  decideHandoffStep,
  HANDOFFS,
  type HandoffDefinition,
  type HandoffKey,
  type HandoffState,
  type HandoffStep,
} from '../domain/handoff.ts';

export type HandoffView = {
  release: Release;
  definition: HandoffDefinition;
  state: HandoffState;
  assignments: RoleAssignment[];
  /** The handoff before this one and whether it is confirmed (for the "waiting for" line). */
  previous: { definition: HandoffDefinition; confirmed: boolean } | undefined;
};

function emptyState(releaseId: number, key: string): HandoffState {
  return {
    releaseId,
    key,
    signedOffBy: null,
    signedOffAt: null,
    confirmedBy: null,
    confirmedAt: null,
    channelId: null,
    messageTs: null,
  };
}

export async function getHandoff(deps: GovernanceDeps, release: Release, key: HandoffKey): Promise<HandoffView> {
  const states = await deps.store.governance.handoffs(release.id);
  const index = HANDOFFS.findIndex((h) => h.key === key);
  const previousDefinition = index > 0 ? HANDOFFS[index - 1] : undefined;
  return {
    release,
    definition: HANDOFFS[index] as HandoffDefinition,
    state: states.find((s) => s.key === key) ?? emptyState(release.id, key),
    assignments: await deps.store.releases.assignments(release.id),
    previous: previousDefinition && {
      definition: previousDefinition,
      confirmed: Boolean(states.find((s) => s.key === previousDefinition.key)?.confirmedAt),
    },
  };
}

/** Remembers where the handoff was last posted, so button clicks can refresh that message. */
export async function rememberHandoffMessage(
  deps: GovernanceDeps,
  view: HandoffView,
  channelId: string,
  messageTs: string,
): Promise<void> {
  const { releaseId, key } = view.state;
  // Read again: someone may have signed off or confirmed while the message was being posted, and saving the state
  // the view was built from would undo that.
  await deps.store.transaction(async () => {
    const states = await deps.store.governance.handoffs(releaseId);
    const current = states.find((s) => s.key === key) ?? view.state;
    await deps.store.governance.saveHandoff({ ...current, channelId, messageTs });
  });
}

export type HandoffStepResult = { ok: true; view: HandoffView; informed: string | undefined } | Failure;

/**
 * The handing role signs off, the receiving role confirms, each recorded with who and when and audited. A handoff is
 * confirmed only after its sign-off and after the previous handoff was confirmed. When it is confirmed, the roles the
 * RACI marks Informed for its activity are named in `informed`.
 */
export async function takeHandoffStep(
  deps: GovernanceDeps,
  input: { releaseId: number; key: HandoffKey; step: HandoffStep; actorId: string },
): Promise<HandoffStepResult> {
  const notAPerson = await whyNotAPerson(
    deps,
    input.actorId,
    input.step === 'sign_off' ? 'sign off a handoff' : 'confirm a handoff',
  );
  if (notAPerson) return fail(notAPerson);
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<HandoffStepResult> => {
    const release = await store.releases.findById(input.releaseId);
    if (!release) return fail('That release no longer exists.');
    if (!isActive(release)) return fail(`${releaseLabel(release)} has ended; its handoffs can no longer change.`);
    const assignments = await store.releases.assignments(release.id);
    const states = await store.governance.handoffs(release.id);
    const decision = decideHandoffStep(input.key, input.step, rolesOf(assignments, input.actorId), states);
    const definition = HANDOFFS.find((h) => h.key === input.key) as HandoffDefinition;
    if (!decision.ok) {
      switch (decision.reason) {
        case 'wrong_role': {
          const holders = holdersOf(assignments, decision.needs);
          const who =
            holders.length > 0 ? ` (${holders.map((id) => `<@${id}>`).join(', ')})` : ' (nobody holds it yet)';
          const verb = input.step === 'sign_off' ? 'signs off' : 'confirms';
          return fail(`Only the ${ROLE_LABELS[decision.needs]}${who} ${verb} the ${definition.title} handoff.`);
        }
        case 'already_done':
          return fail(
            `The ${definition.title} handoff was already ${input.step === 'sign_off' ? 'signed off' : 'confirmed'} by <@${decision.by}>.`,
          );
        case 'not_signed_off':
          return fail(
            `The ${ROLE_LABELS[definition.from]} has not signed off the ${definition.title} handoff yet; confirm after the sign-off.`,
          );
        case 'previous_not_confirmed':
          return fail(
            `The ${decision.previous.title} handoff is not confirmed yet. Handoffs happen in order: confirm that one first (\`/release handoff ${decision.previous.keyword}\`).`,
          );
      }
    }
    const before = states.find((s) => s.key === input.key) ?? emptyState(release.id, input.key);
    const after: HandoffState =
      input.step === 'sign_off'
        ? { ...before, signedOffBy: input.actorId, signedOffAt: now }
        : { ...before, confirmedBy: input.actorId, confirmedAt: now };
    await store.governance.saveHandoff(after);
    await store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: input.step === 'sign_off' ? 'handoff.signed_off' : 'handoff.confirmed',
      subject: input.key,
      at: now,
    });
    const informed =
      input.step === 'confirm'
        ? formatInformedMention(definition.activity, informedParties(definition.activity, assignments))
        : undefined;
    return { ok: true, view: await getHandoff(deps, release, input.key), informed };
  });
}
