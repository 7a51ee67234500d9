import { fail } from '../../core/deps.ts';
import type { EscalationDeps } from '../deps.ts';
import { resolve } from '../domain/escalation.ts';
import type { EscalationActionResult } from './acknowledge-escalation.ts';
import { cancelSteps, refreshMessages } from './escalation-delivery.ts';
import { describeResolved, loadEscalation } from './escalation-lookup.ts';

export const MAX_RESOLUTION = 1500;

/** Whether the escalation can still be resolved: the Resolve button checks before it opens the note form. */
export async function checkResolvable(deps: EscalationDeps, escalationId: number): Promise<EscalationActionResult> {
  const found = await loadEscalation(deps, escalationId);
  if (!found.ok) return found;
  if (found.escalation.status === 'resolved') return fail(describeResolved(found.escalation));
  return { ...found, changed: false };
}

/** Resolve with a note: closes the escalation everywhere it was posted (every message updated in place). */
export async function resolveEscalation(
  deps: EscalationDeps,
  input: { escalationId: number; userId: string; note: string },
): Promise<EscalationActionResult> {
  const note = input.note.trim();
  if (note === '') return fail('Write a resolution note: what was done, or why no action is needed.');
  if (note.length > MAX_RESOLUTION) return fail(`Keep the resolution note under ${MAX_RESOLUTION} characters.`);
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (): Promise<EscalationActionResult> => {
    const found = await loadEscalation(deps, input.escalationId);
    if (!found.ok) return found;
    const { escalation, release } = found;
    const result = resolve(escalation, input.userId, note, now);
    if (!result.ok) return fail(describeResolved(escalation));
    await deps.store.escalations.save(result.escalation);
    await cancelSteps(deps, escalation);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.userId,
      action: 'escalation.resolved',
      subject: String(escalation.id),
      after: { level: escalation.level, resolution: note },
      at: now,
    });
    return { ok: true, escalation: result.escalation, release, changed: true };
  });
  if (outcome.ok) await refreshMessages(deps, outcome.release, outcome.escalation);
  return outcome;
}
