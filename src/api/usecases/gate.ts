import type { Release } from '../../core/domain/release.ts';
import { type DeploymentGate, getDeploymentGate } from '../../gate/index.ts';
import type { ApiDeps } from '../deps.ts';
import { gateActors, type NameOf } from '../domain/gate-answer.ts';
import { type ApiProblem, problem } from '../domain/problems.ts';
import { namesOf } from './release-view.ts';

/** The longest `wait` a client may ask for, in seconds. */
export const MAX_WAIT_SECONDS = 600;

export type GateAnswer = {
  ok: true;
  gate: DeploymentGate;
  name: NameOf;
  /** `now`: answered at once; `changed`: the gate opened or closed while held; `timeout`: the wait ran out. */
  ended: 'now' | 'changed' | 'timeout';
};

/**
 * `GET …/gate[?wait=s]`: may this release deploy now? The answer is the deployment gate's own (`getDeploymentGate`,
 * the function `/release ship` asks). With a wait and a pending gate the request is held until the gate opens or
 * closes, or the wait ends: it is woken the moment something the gate weighs changes in this process (the
 * `readinessChanged` and `pollDecided` hooks notify the gate watch), and at the watch's poll interval for a change
 * made by another replica. A shutdown ends the hold with a problem the client can retry.
 */
export async function readGate(
  deps: ApiDeps,
  release: Release,
  waitSeconds: number,
  signal?: AbortSignal,
): Promise<GateAnswer | ApiProblem> {
  // Held before the first read, so a change between the read and the hold is not missed.
  const hold = waitSeconds > 0 ? deps.gateWatch.hold(release.id, waitSeconds * 1000, signal) : undefined;
  try {
    let gate = await getDeploymentGate(deps, release);
    let ended: GateAnswer['ended'] = 'now';
    while (hold && gate.gate === 'pending') {
      const why = await hold.next();
      if (why === 'stopping' || why === 'aborted') {
        return problem(
          'unavailable',
          'The bot is restarting, so the wait was cut short. Nothing was lost: send the same request again and the ' +
            'gate is asked afresh.',
          { retryAfterSeconds: 2, extra: { gate: gate.gate } },
        );
      }
      gate = await getDeploymentGate(deps, release);
      if (gate.gate !== 'pending') ended = 'changed';
      else if (why === 'timeout') {
        ended = 'timeout';
        break;
      }
    }
    return { ok: true, gate, ended, name: await namesOf(deps, gateActors(gate)) };
  } finally {
    hold?.close();
  }
}
