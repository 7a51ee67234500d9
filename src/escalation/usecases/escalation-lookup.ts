import { type Failure, fail } from '../../core/deps.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import type { Escalation } from '../domain/escalation.ts';

export async function loadEscalation(
  deps: EscalationDeps,
  escalationId: number,
): Promise<{ ok: true; escalation: Escalation; release: Release } | Failure> {
  const escalation = await deps.store.escalations.findById(escalationId);
  const release = escalation ? await deps.store.releases.findById(escalation.releaseId) : undefined;
  if (!escalation || !release) return fail(`There is no escalation #${escalationId}.`);
  return { ok: true, escalation, release };
}

export function describeResolved(escalation: Escalation): string {
  if (escalation.status !== 'resolved') return `Escalation #${escalation.id} is ${escalation.status}.`;
  return (
    `Escalation #${escalation.id} was already resolved by <@${escalation.resolvedBy}>: ` +
    `“${escapeMrkdwn(escalation.resolution)}”. Nothing changed.`
  );
}
