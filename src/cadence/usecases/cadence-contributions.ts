import type { GateEvent } from '../../core/domain/gate-events.ts';
import type { Release } from '../../core/domain/release.ts';
import type { CadenceDeps } from '../deps.ts';
import { riskScore } from '../domain/risk.ts';

/**
 * The deployment gate's events from the risk register: each risk added, and each change that raised a risk's score,
 * after `since`, with the score before and after. The history is replayed per risk, since an update keeps only the
 * fields it changed.
 */
export async function riskGateEvents(deps: CadenceDeps, release: Release, since: Date): Promise<GateEvent[]> {
  const risks = await deps.store.risks.list(release.id, { includeClosed: true });
  const levels = new Map<number, { severity: number; likelihood: number }>();
  const events: GateEvent[] = [];
  for (const change of await deps.store.risks.history(release.id)) {
    const risk = risks.find((r) => r.id === change.riskId);
    if (!risk) continue;
    const before = levels.get(risk.id);
    const severity = change.after?.severity ?? before?.severity ?? risk.severity;
    const likelihood = change.after?.likelihood ?? before?.likelihood ?? risk.likelihood;
    levels.set(risk.id, { severity, likelihood });
    if (change.at.getTime() <= since.getTime()) continue;
    const score = riskScore({ severity, likelihood });
    const previousScore = change.change === 'created' || !before ? null : riskScore(before);
    if (change.change === 'created' || (previousScore !== null && score > previousScore)) {
      events.push({
        kind: 'risk_raised',
        at: change.at,
        actorId: change.actorId,
        riskId: risk.id,
        title: risk.title,
        score,
        previousScore: change.change === 'created' ? null : previousScore,
      });
    }
  }
  return events;
}

/**
 * A reschedule re-plans the cadence: standups and weekly reviews are computed from the release's dates on every
 * tick, so moving the dates moves them, and each (release, job, day) is claimed once, so a day already run is never
 * run again. What the cadence must add is that nothing due before the reschedule becomes owed all at once: the new
 * dates apply from now, as a changed standup time does.
 */
export async function replanCadence(deps: CadenceDeps, release: Release, now: Date, actorId: string): Promise<void> {
  const config = await deps.store.cadence.config(release.id);
  await deps.store.cadence.saveConfig(release.id, { ...config, updatedAt: now }, actorId);
}
