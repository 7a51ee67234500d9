import { actorLabel, isPipelineActor } from '../../core/domain/actors.ts';
import type { Release } from '../../core/domain/release.ts';
import type { RoleAssignment } from '../../core/domain/roles.ts';
import type { Escalation, EscalationAlert } from '../../escalation/domain/escalation.ts';
import { type DeploymentGate, getDeploymentGate } from '../../gate/index.ts';
import type { ChecklistItem } from '../../governance/domain/checklist.ts';
import { type ChecklistGateResult, checklistOf, getChecklistGate } from '../../governance/index.ts';
import type { ApiDeps } from '../deps.ts';
import type { Deployment } from '../domain/deployments.ts';
import { gateActors, type NameOf } from '../domain/gate-answer.ts';

/** Looks up display names once for every id an answer mentions; a pipeline is "CI (name)", a stranger their id. */
export async function namesOf(deps: ApiDeps, ids: Iterable<string>): Promise<NameOf> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (isPipelineActor(id)) continue;
    const person = await deps.users.lookup(id).catch(() => undefined);
    if (person) names.set(id, person.name);
  }
  return (id) => names.get(id) ?? actorLabel(id);
}

export type ReleaseView = {
  release: Release;
  assignments: RoleAssignment[];
  gate: DeploymentGate;
  checklist: { items: ChecklistItem[]; gate: ChecklistGateResult };
  escalations: Array<{ escalation: Escalation; alert: EscalationAlert | undefined }>;
  deployments: Deployment[];
  name: NameOf;
};

/** `GET /api/v1/releases/{release}`: the release as a pipeline reads it, read in one transaction. */
export async function getReleaseView(deps: ApiDeps, release: Release): Promise<ReleaseView> {
  const read = await deps.store.transaction(async () => {
    const current = (await deps.store.releases.findById(release.id)) ?? release;
    const escalations = [];
    for (const escalation of await deps.store.escalations.listForRelease(current.id)) {
      if (escalation.status === 'resolved') continue;
      escalations.push({ escalation, alert: await deps.store.escalations.alertOf(escalation.id) });
    }
    return {
      release: current,
      assignments: await deps.store.releases.assignments(current.id),
      gate: await getDeploymentGate(deps, current),
      checklist: { items: await checklistOf(deps.store, current.id), gate: await getChecklistGate(deps, current.id) },
      escalations,
      deployments: await deps.store.api.deploymentsOf(current.id),
    };
  });
  const ids = [
    ...read.assignments.map((a) => a.userId),
    ...gateActors(read.gate),
    ...read.checklist.items.flatMap((i) => (i.tickedBy ? [i.tickedBy] : [])),
    ...read.escalations.map((e) => e.escalation.raisedBy),
  ];
  return { ...read, name: await namesOf(deps, ids) };
}
