import type { RetroItem } from '../../core/contributions.ts';
import type { GateEvent } from '../../core/domain/gate-events.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import type { GovernanceDeps } from '../deps.ts';
import { describeReschedule } from '../domain/reschedule.ts';
import { checklistOf } from './get-checklist.ts';

/** The deployment gate's events from the checklist: every untick after `since`, oldest first. */
export async function checklistGateEvents(deps: GovernanceDeps, release: Release, since: Date): Promise<GateEvent[]> {
  const items = await checklistOf(deps.store, release.id);
  return (await deps.store.governance.checklistHistory(release.id))
    .filter((t) => t.action === 'untick' && t.at.getTime() > since.getTime())
    .map((t) => ({
      kind: 'checklist_unticked',
      at: t.at,
      actorId: t.actorId,
      key: t.key,
      label: items.find((i) => i.key === t.key)?.label ?? t.key,
    }));
}

/**
 * A retrospective item when the release's dates moved: every change with its reason, so the team talks about why.
 * Nobody is required to answer it (the reasons are on record already).
 */
export async function rescheduleRetroItems(deps: GovernanceDeps, release: Release): Promise<RetroItem[]> {
  const changes = await deps.store.releases.scheduleChanges(release.id);
  if (changes.length === 0) return [];
  const lines = changes.map(
    (c) => `• ${describeReschedule(c.before, c.after)} by <@${c.changedBy}>: “${escapeMrkdwn(c.reason.slice(0, 200))}”`,
  );
  return [
    {
      key: 'rescheduled',
      question: 'The schedule moved: what would have told us earlier?',
      context: `Rescheduled ${changes.length === 1 ? 'once' : `${changes.length} times`}:\n${lines.slice(0, 10).join('\n')}`,
      requiredFrom: [],
    },
  ];
}
