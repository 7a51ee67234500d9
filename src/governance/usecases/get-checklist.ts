import type { Release } from '../../core/domain/release.ts';
import type { RoleAssignment } from '../../core/domain/roles.ts';
import type { GovernanceDeps } from '../deps.ts';

type Store = GovernanceDeps['store'];

import { CHECKLIST_OVERRIDE_AREA } from '../domain/authority.ts';
import { CHECKLIST_ITEMS, type ChecklistGate, type ChecklistItem, decideChecklistGate } from '../domain/checklist.ts';
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

/** The release's checklist; a release created before checklists existed gets its checklist on first use. */
export async function checklistOf(store: Store, releaseId: number): Promise<ChecklistItem[]> {
  const items = await store.governance.checklist(releaseId);
  if (items.length > 0) return items;
  return store.transaction(async () => {
    await createChecklist(store, releaseId);
    return store.governance.checklist(releaseId);
  });
}

/** The newest Go-with-open-items override of the release, if any. */
export async function latestOverride(store: Store, releaseId: number): Promise<Decision | undefined> {
  return (await store.decisions.forRelease(releaseId))
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

export async function getChecklist(deps: GovernanceDeps, release: Release): Promise<ChecklistView> {
  const items = await checklistOf(deps.store, release.id);
  const override = await latestOverride(deps.store, release.id);
  return {
    release,
    items,
    assignments: await deps.store.releases.assignments(release.id),
    gate: decideChecklistGate(items, overrideKeys(override)),
    override,
  };
}

/** The checklist of a release known by id (after a button click or a modal), or undefined if it is gone. */
export async function getChecklistById(deps: GovernanceDeps, releaseId: number): Promise<ChecklistView | undefined> {
  const release = await deps.store.releases.findById(releaseId);
  return release ? getChecklist(deps, release) : undefined;
}
