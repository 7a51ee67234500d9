import type { GateEvent } from '../../core/domain/gate-events.ts';
import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';

/**
 * The deployment gate's events from escalations: each step that brought an escalation of the release to a level
 * (raised there, or escalated by hand or by the timer) after `since`. Re-pings at the same level are not new.
 */
export async function escalationGateEvents(deps: EscalationDeps, release: Release, since: Date): Promise<GateEvent[]> {
  const events: GateEvent[] = [];
  for (const escalation of await deps.store.escalations.listForRelease(release.id)) {
    for (const step of escalation.history) {
      const at = new Date(step.postedAt);
      if (step.via === 'reping' || at.getTime() <= since.getTime()) continue;
      events.push({
        kind: 'escalation_reached',
        at,
        actorId: step.by,
        escalationId: escalation.id,
        summary: escalation.summary,
        level: step.level,
      });
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
