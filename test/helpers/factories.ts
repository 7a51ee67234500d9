import type { Release } from '../../src/core/domain/release.ts';
import type { Role } from '../../src/core/domain/roles.ts';
import type { Deps } from '../../src/deps.ts';
import { checklistOf } from '../../src/governance/usecases/get-checklist.ts';
import { tickChecklistItem } from '../../src/governance/usecases/tick-checklist-item.ts';
import { CAST, CHANNEL, TEAM } from './people.ts';

let counter = 0;

/** Inserts a release straight through the store (no rules), for tests that start from an existing release. */
export async function insertRelease(deps: Deps, overrides: Partial<Release> = {}): Promise<Release> {
  counter += 1;
  const release = await deps.store.releases.insert({
    teamId: TEAM,
    channelId: overrides.channelId ?? `${CHANNEL}${counter}`,
    name: overrides.name ?? `rel-${counter}`,
    targetDate: overrides.targetDate ?? '2026-12-10',
    windowStart: overrides.windowStart ?? '2026-12-01',
    windowEnd: overrides.windowEnd ?? '2026-12-12',
    timeZone: overrides.timeZone ?? 'Europe/Berlin',
    createdBy: overrides.createdBy ?? CAST.rm.id,
    createdAt: overrides.createdAt ?? deps.clock.now(),
  });
  return overrides.status ? deps.store.releases.setStatus(release.id, overrides.status, deps.clock.now()) : release;
}

export const STANDARD_ROLES: Array<[Role, string]> = [
  ['rm', CAST.rm.id],
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
];

/** A release with every role held by the standard cast. */
export async function insertStaffedRelease(deps: Deps, overrides: Partial<Release> = {}): Promise<Release> {
  const release = await insertRelease(deps, overrides);
  for (const [role, userId] of STANDARD_ROLES) {
    await deps.store.releases.assign({
      releaseId: release.id,
      role,
      userId,
      assignedBy: CAST.rm.id,
      assignedAt: deps.clock.now(),
    });
  }
  return release;
}

/**
 * Ticks every item of the release's checklist through the use case, each as a holder of its owner role (only the
 * owner may tick, issue 13), so a Go decision passes the checklist gate. For tests about something else than the
 * gate. The release needs its roles held (`insertStaffedRelease`, `createStaffedRelease`).
 */
export async function tickWholeChecklist(deps: Deps, releaseId: number): Promise<void> {
  const assignments = await deps.store.releases.assignments(releaseId);
  for (const item of await checklistOf(deps.store, releaseId)) {
    const owner = assignments.find((a) => a.role === item.owner)?.userId;
    if (!owner) throw new Error(`nobody holds ${item.owner} to tick ${item.key}`);
    const result = await tickChecklistItem(deps, { releaseId, key: item.key, actorId: owner });
    if (!result.ok) throw new Error(result.message);
  }
}
