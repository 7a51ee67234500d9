import { readinessChanged } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import { type DeploymentGate, getDeploymentGate } from '../../gate/index.ts';
import type { ChecklistItem } from '../../governance/domain/checklist.ts';
import { recordPipelineCheck } from '../../governance/index.ts';
import type { ApiDeps } from '../deps.ts';
import { type ApiProblem, plainText, problem } from '../domain/problems.ts';

export type CheckReport = {
  item: string;
  status: 'passed' | 'failed';
  url: string;
  summary?: string | undefined;
};

export type CheckAnswer = { ok: true; item: ChecklistItem; changed: boolean; gate: DeploymentGate };

/**
 * `POST …/checks`: a pipeline's check ticks its checklist item with the evidence link (`passed`) or unticks it
 * (`failed`), recorded as the pipeline `actorId` (`ci:<token name>`; a GitHub webhook passes its own). A failed check on a ticked item posts one line in the channel; after a
 * Go the untick makes the Go stale (the gate weighs every untick, whoever unticks). A check that changes nothing
 * (passed on an item ticked with the same link, failed on an open item) posts nothing.
 */
export async function reportCheck(
  deps: ApiDeps,
  input: { actorId: string; release: Release; check: CheckReport },
): Promise<CheckAnswer | ApiProblem> {
  const { release, check } = input;
  const { actorId } = input;
  const result = await recordPipelineCheck(deps, {
    releaseId: release.id,
    key: check.item,
    actorId,
    passed: check.status === 'passed',
    evidenceUrl: check.url,
  });
  if (!result.ok) return problem('conflict', plainText(result.message));
  if (result.changed) await readinessChanged(deps, release.id);
  const gate = await getDeploymentGate(deps, release);
  if (check.status === 'failed' && result.changed) {
    await deps.pipelineMessenger
      .announce({
        kind: 'check_failed',
        release,
        item: { key: result.item.key, label: result.item.label },
        actorId,
        url: check.url,
        summary: check.summary,
        goStale: gate.reasons.some((r) => r.code === 'needs_reconfirmation'),
      })
      .catch((error: unknown) => deps.logger.warn(`could not announce the failed check on ${release.name}`, error));
  }
  return { ok: true, item: result.item, changed: result.changed, gate };
}
