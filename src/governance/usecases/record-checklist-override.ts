import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import { whyNotAPerson } from '../../core/usecases/human-only.ts';
import type { GovernanceDeps } from '../deps.ts';
import { CHECKLIST_OVERRIDE_AREA } from '../domain/authority.ts';
import { MAX_OVERRIDE_REASON } from '../domain/checklist.ts';
import type { Decision } from '../domain/decision.ts';
import { getChecklistGate } from './get-checklist-gate.ts';

export type OverrideInput = { release: Release; actorId: string; reason: string };
export type OverrideResult = { ok: true; decision: Decision; openLabels: string[] } | Failure;

/**
 * The Release Manager accepts Go with checklist items open. Recorded as an `authority` decision in the area
 * `checklist_override` (so the decision log and the metrics see it) with the reason and the open items, and audited.
 */
export async function recordChecklistOverride(deps: GovernanceDeps, input: OverrideInput): Promise<OverrideResult> {
  const reason = input.reason.trim();
  if (reason === '') return fail('Say why Go is acceptable with items open: the reason is recorded and announced.');
  if (reason.length > MAX_OVERRIDE_REASON) return fail(`Keep the reason under ${MAX_OVERRIDE_REASON} characters.`);
  const notAPerson = await whyNotAPerson(deps, input.actorId, 'override the checklist');
  if (notAPerson) return fail(notAPerson);
  const { store } = deps;
  const now = deps.clock.now();
  return store.transaction(async (): Promise<OverrideResult> => {
    const release = await store.releases.findById(input.release.id);
    if (!release) return fail('That release no longer exists.');
    const assignments = await store.releases.assignments(release.id);
    if (!isReleaseManager(assignments, input.actorId)) {
      const managers = holdersOf(assignments, 'rm');
      return fail(
        `Only the ${ROLE_LABELS.rm}${managers.length > 0 ? ` (${managers.map((id) => `<@${id}>`).join(', ')})` : ''} can accept Go with checklist items open.`,
      );
    }
    const gate = await getChecklistGate(deps, release.id);
    if (gate.canGoWithoutOverride)
      return fail(`Every checklist item of ${releaseLabel(release)} is ticked: no override is needed.`);
    const openItemKeys = gate.open.map((i) => i.key);
    const openLabels = gate.open.map((i) => i.label);
    const decision = await store.decisions.record({
      teamId: release.teamId,
      releaseId: release.id,
      kind: 'authority',
      area: CHECKLIST_OVERRIDE_AREA,
      outcome: 'go_with_open_items',
      rationale: reason,
      decidedBy: input.actorId,
      decidedAt: now,
      details: { openItemKeys, openItems: openLabels },
    });
    await store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'checklist.override',
      subject: openItemKeys.join(','),
      after: { reason, openItemKeys, decisionId: decision.id },
      at: now,
    });
    return { ok: true, decision, openLabels };
  });
}
