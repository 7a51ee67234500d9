import type { Release } from '../../core/domain/release.ts';
import type { RoleAssignment } from '../../core/domain/roles.ts';
import type { GovernanceDeps } from '../deps.ts';

type Store = GovernanceDeps['store'];

import { CHECKLIST_OVERRIDE_AREA } from '../domain/authority.ts';
import { CHECKLIST_ITEMS, type ChecklistGate, type ChecklistItem, decideChecklistGate } from '../domain/checklist.ts';
import type { Decision } from '../domain/decision.ts';

/** Creates the release's checklist from the seed's ten items (called in create-release's transaction). */
export function createChecklist(store: Store, releaseId: number): void {
  store.governance.createChecklist(
    CHECKLIST_ITEMS.map((item, position) => ({
      releaseId,
      key: item.key,
      label: item.label,
      owner: item.owner,
      position,
    })),
  );
}

/** The release's checklist; a release created before checklists existed gets its checklist on first use. */
export function checklistOf(store: Store, releaseId: number): ChecklistItem[] {
  const items = store.governance.checklist(releaseId);
  if (items.length > 0) return items;
  return store.transaction(() => {
    createChecklist(store, releaseId);
    return store.governance.checklist(releaseId);
  });
}

/** The newest Go-with-open-items override of the release, if any. */
export function latestOverride(store: Store, releaseId: number): Decision | undefined {
  return store.decisions
    .forRelease(releaseId)
    .filter((d) => d.kind === 'authority' && d.area === CHECKLIST_OVERRIDE_AREA)
    .at(-1);
}

export function overrideKeys(decision: Decision | undefined): { openItemKeys: string[] } | undefined {
  if (!decision) return undefined;
  const details = decision.details as { openItemKeys?: unknown } | null;
  const keys = Array.isArray(details?.openItemKeys) ? details.openItemKeys.filter((k) => typeof k === 'string') : [];
  return { openItemKeys: keys };
}

export type ChecklistView = {
  release: Release;
  items: ChecklistItem[];
  assignments: RoleAssignment[];
  gate: ChecklistGate;
  override: Decision | undefined;
};

export function getChecklist(deps: GovernanceDeps, release: Release): ChecklistView {
  const items = checklistOf(deps.store, release.id);
  const override = latestOverride(deps.store, release.id);
  return {
    release,
    items,
    assignments: deps.store.releases.assignments(release.id),
    gate: decideChecklistGate(items, overrideKeys(override)),
    override,
  };
}

/** The checklist of a release known by id (after a button click or a modal), or undefined if it is gone. */
export function getChecklistById(deps: GovernanceDeps, releaseId: number): ChecklistView | undefined {
  const release = deps.store.releases.findById(releaseId);
  return release ? getChecklist(deps, release) : undefined;
}
