import type { Release } from '../../core/domain/release.ts';
import type { RoleAssignment } from '../../core/domain/roles.ts';
import type { GovernanceDeps } from '../deps.ts';

type Store = GovernanceDeps['store'];

import { CHECKLIST_OVERRIDE_AREA } from '../domain/authority.ts';
import {
  CHECKLIST_ITEMS,
  type ChecklistGate,
  type ChecklistItem,
  decideChecklistGate,
  type ItemOverride,
} from '../domain/checklist.ts';
import type { Decision } from '../domain/decision.ts';

/** Creates the release's checklist from the seed's ten items (called in create-release's transaction). */
export async function createChecklist(store: Store, releaseId: number): Promise<void> {
  await store.governance.createChecklist(
    CHECKLIST_ITEMS.map((item, position) => ({
      releaseId,
      key: item.key,
      label: item.label,
      owner: item.owner,
      position,
    })),
  );
}

/**
 * The release's checklist. A release created before checklists existed has none stored: it reads as the seed's ten
 * items, none ticked, without writing (reads run in read-only transactions); the first tick stores them.
 */
export async function checklistOf(store: Store, releaseId: number): Promise<ChecklistItem[]> {
  const items = await store.governance.checklist(releaseId);
  if (items.length > 0) return items;
  return CHECKLIST_ITEMS.map((item, position) => ({
    releaseId,
    key: item.key,
    label: item.label,
    owner: item.owner,
    position,
    tickedBy: null,
    tickedAt: null,
    evidenceUrl: null,
  }));
}

/** Stores the seed's checklist for a release that has none yet; call it in the transaction that ticks. */
export async function ensureChecklist(store: Store, releaseId: number): Promise<void> {
  if ((await store.governance.checklist(releaseId)).length === 0) await createChecklist(store, releaseId);
}

/** Every Go-with-open-items override of the release, oldest first, as the gate reads them. */
export async function checklistOverrides(
  store: Store,
  releaseId: number,
): Promise<Array<ItemOverride & { decision: Decision }>> {
  return (await store.decisions.forRelease(releaseId))
    .filter((d) => d.kind === 'authority' && d.area === CHECKLIST_OVERRIDE_AREA)
    .map((decision) => {
      const details = decision.details as { openItemKeys?: unknown; afterTickId?: unknown } | null;
      const keys = Array.isArray(details?.openItemKeys)
        ? details.openItemKeys.filter((k): k is string => typeof k === 'string')
        : [];
      return {
        decision,
        decisionId: decision.id,
        keys,
        afterTickId: typeof details?.afterTickId === 'number' ? details.afterTickId : null,
        at: decision.decidedAt,
        by: decision.decidedBy,
        reason: decision.rationale ?? '',
      };
    });
}

/** The checklist gate from the store: the items, every override and every untick. */
export async function checklistGateOf(
  store: Store,
  releaseId: number,
): Promise<{ items: ChecklistItem[]; gate: ChecklistGate; override: Decision | undefined }> {
  const items = await checklistOf(store, releaseId);
  const overrides = await checklistOverrides(store, releaseId);
  const unticks = (await store.governance.checklistHistory(releaseId)).filter((t) => t.action === 'untick');
  const gate = decideChecklistGate(items, overrides, unticks);
  // The newest override still covering an open item: the one the views quote.
  const covering = new Set(Object.values(gate.overridden).map((o) => o.decisionId));
  const override = overrides.filter((o) => covering.has(o.decisionId)).at(-1)?.decision;
  return { items, gate, override };
}

export type ChecklistView = {
  release: Release;
  items: ChecklistItem[];
  assignments: RoleAssignment[];
  gate: ChecklistGate;
  override: Decision | undefined;
};

export async function getChecklist(deps: GovernanceDeps, release: Release): Promise<ChecklistView> {
  const { items, gate, override } = await checklistGateOf(deps.store, release.id);
  return { release, items, assignments: await deps.store.releases.assignments(release.id), gate, override };
}

/** The checklist of a release known by id (after a button click or a modal), or undefined if it is gone. */
export async function getChecklistById(deps: GovernanceDeps, releaseId: number): Promise<ChecklistView | undefined> {
  const release = await deps.store.releases.findById(releaseId);
  return release ? getChecklist(deps, release) : undefined;
}
