import type { GateEvent } from '../../core/domain/gate-events.ts';
import type { Release } from '../../core/domain/release.ts';
import { uncoveredItems } from '../../governance/domain/checklist.ts';
import { getChecklistGate } from '../../governance/index.ts';
import type { GateDeps } from '../deps.ts';
import { type DeploymentGate, decideDeploymentGate, governingDecision } from '../domain/gate.ts';

/**
 * May this release deploy now? The one place the answer is read: `/release ship`, the confirm button, the status
 * and poll sections, and (issue 14) the pipeline API's `GET …/gate` and its "deployment started" all call it. It
 * reads the decision log, the checklist gate, an open go/no-go poll and, when a Go is in force, what the other
 * modules report since it (`gateEvents` contributions), in one read transaction (or the caller's).
 */
export async function getDeploymentGate(deps: GateDeps, release: Pick<Release, 'id'>): Promise<DeploymentGate> {
  return deps.store.read(async () => {
    const current = await deps.store.releases.findById(release.id);
    if (!current) throw new Error(`release ${release.id} does not exist`);
    const decisions = await deps.store.decisions.forRelease(current.id);
    const governing = governingDecision(decisions);
    const events: GateEvent[] = [];
    if (governing.kind === 'go') {
      for (const source of deps.contributions.gateEvents) {
        events.push(...(await source(current, governing.decision.decidedAt)));
      }
    }
    const checklist = await getChecklistGate(deps, current.id);
    const poll = await deps.store.polls.findOpen(current.id, 'go_no_go');
    return decideDeploymentGate({
      decisions,
      goNoGoPollOpen: poll !== undefined,
      uncoveredItems: uncoveredItems(checklist).map((i) => ({ key: i.key, label: i.label, owner: i.owner })),
      events: events.sort((a, b) => a.at.getTime() - b.at.getTime()),
    });
  });
}
