import { type Failure, fail } from '../../core/deps.ts';
import { code, escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import { whyNotAPerson } from '../../core/usecases/human-only.ts';
import type { GovernanceDeps } from '../deps.ts';
import { CHECKLIST_OVERRIDE_AREA } from '../domain/authority.ts';
import { CHECKLIST_KEYS, checklistDefinition, MAX_OVERRIDE_REASON } from '../domain/checklist.ts';
import type { Decision } from '../domain/decision.ts';
import { getChecklistGate } from './get-checklist-gate.ts';

export type OverrideInput = {
  release: Release;
  actorId: string;
  reason: string;
  /** The items to override; every open item when absent (Go with the checklist as it stands). */
  keys?: readonly string[] | undefined;
};
export type OverrideResult = { ok: true; decision: Decision; openLabels: string[] } | Failure;

/** Why a named item cannot be overridden, or undefined. */
function checkKeys(keys: readonly string[], openKeys: readonly string[]): string | undefined {
  for (const key of keys) {
    const definition = checklistDefinition(key);
    if (!definition) {
      return `${code(key)} is not a checklist item. Items: ${CHECKLIST_KEYS.map((k) => `\`${k}\``).join(', ')}.`;
    }
    if (!openKeys.includes(key)) return `“${escapeMrkdwn(definition.label)}” is ticked: there is nothing to override.`;
  }
  return undefined;
}

/**
 * The Release Manager accepts checklist items open, for Go and for shipping: every open item, or the ones named.
 * Recorded as an `authority` decision in the area `checklist_override` (so the decision log and the metrics see it)
 * with the reason, the items and the newest tick at the time, and audited. It is an override, never a tick: the item
 * stays open, and the checklist shows it as overridden with the reason.
 */
export async function recordChecklistOverride(deps: GovernanceDeps, input: OverrideInput): Promise<OverrideResult> {
  const person = await deps.users.lookup(input.actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only a person overrides the checklist.`);
  return recordOverride(deps, input, deps.clock.now());
}

/**
 * The override itself, in a transaction of its own or the caller's, for a caller that has already checked that the
 * actor is a person (the Decide Go form: `decide` checks the decider). No Slack call, since it may run again.
 */
export async function recordOverride(deps: GovernanceDeps, input: OverrideInput, now: Date): Promise<OverrideResult> {
  const reason = input.reason.trim();
  if (reason === '') return fail('Say why the items may stay open: the reason is recorded and announced.');
  if (reason.length > MAX_OVERRIDE_REASON) return fail(`Keep the reason under ${MAX_OVERRIDE_REASON} characters.`);
  const notAPerson = await whyNotAPerson(deps, input.actorId, 'override the checklist');
  if (notAPerson) return fail(notAPerson);
  const { store } = deps;
  return store.transaction(async (): Promise<OverrideResult> => {
    const release = await store.releases.findById(input.release.id);
    if (!release) return fail('That release no longer exists.');
    if (!isActive(release)) return fail(`${releaseLabel(release)} has ended; its checklist can no longer change.`);
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
    const openKeys = gate.open.map((i) => i.key);
    const wrong = input.keys ? checkKeys(input.keys, openKeys) : undefined;
    if (wrong) return fail(wrong);
    const chosen = input.keys ? gate.open.filter((i) => input.keys?.includes(i.key)) : gate.open;
    const openItemKeys = chosen.map((i) => i.key);
    const openLabels = chosen.map((i) => i.label);
    const afterTickId = (await store.governance.checklistHistory(release.id)).at(-1)?.id ?? 0;
    const decision = await store.decisions.record({
      teamId: release.teamId,
      releaseId: release.id,
      kind: 'authority',
      area: CHECKLIST_OVERRIDE_AREA,
      outcome: 'go_with_open_items',
      rationale: reason,
      decidedBy: input.actorId,
      decidedAt: now,
      details: { openItemKeys, openItems: openLabels, afterTickId },
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
