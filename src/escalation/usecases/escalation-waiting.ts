import type { PagedItem } from '../../core/contributions.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import { ACTION_IDS } from '../../core/ids.ts';
import type { WaitingSource } from '../../releases/index.ts';
import type { EscalationDeps } from '../deps.ts';
import { mayAcknowledge } from '../domain/entitlement.ts';
import { levelLabel } from '../domain/levels.ts';
import { describeUnreachable, unreachableLevels } from './configure-escalation-level.ts';
import { levelTargets, targetFor } from './escalation-delivery.ts';
import { entitlementFor } from './escalation-entitlement.ts';

const SHOWN = 60;

/** "Acknowledge escalation #n …" for the people pinged at the escalation's current level (user pings, not groups). */
export const escalationsAwaitingAcknowledgement: WaitingSource<EscalationDeps> = async (deps, item, userId) => {
  const targets = await levelTargets(deps, item.release);
  // The Release Manager hears plainly which levels the release cannot reach, and the one command that fixes it.
  const missing = item.roles.includes('rm') ? describeUnreachable(unreachableLevels(targets)) : undefined;
  const open = (await deps.store.escalations.listForRelease(item.release.id)).filter((e) => e.status === 'open');
  const lines = open
    .filter((e) => targetFor(targets, e.level).pings.includes(userId))
    .map((e) => {
      const summary = escapeMrkdwn(e.summary.length > SHOWN ? `${e.summary.slice(0, SHOWN)}…` : e.summary);
      return `Acknowledge escalation #${e.id} (${levelLabel(e.level)}) in <#${targetFor(targets, e.level).channelId}>: ${summary}`;
    });
  return missing ? [...lines, missing] : lines;
};

/**
 * The App Home's "You are paged": every open escalation of the workspace this person may acknowledge at its current
 * level (pinged directly, through a user group, as a role holder at level 1, or as the Release Manager), role or no
 * role, with Acknowledge and Resolve buttons.
 */
export async function escalationsPagedFor(deps: EscalationDeps, teamId: string, userId: string): Promise<PagedItem[]> {
  const items: PagedItem[] = [];
  for (const escalation of await deps.store.escalations.listActive(teamId)) {
    if (escalation.status !== 'open' && escalation.status !== 'expired') continue;
    const release = await deps.store.releases.findById(escalation.releaseId);
    if (!release) continue;
    const targets = await levelTargets(deps, release);
    if (!mayAcknowledge(await entitlementFor(deps, release, escalation, targets), userId)) continue;
    const summary = escapeMrkdwn(
      escalation.summary.length > SHOWN ? `${escalation.summary.slice(0, SHOWN)}…` : escalation.summary,
    );
    const value = `${escalation.id}:${escalation.step}`;
    items.push({
      releaseId: release.id,
      text:
        `:rotating_light: *#${escalation.id} · ${levelLabel(escalation.level)}* on *${escapeMrkdwn(release.name)}* ` +
        `in <#${targetFor(targets, escalation.level).channelId}>\n${summary}`,
      buttons: [
        { text: 'Acknowledge', actionId: ACTION_IDS.escalationAcknowledge, value, style: 'primary' },
        { text: 'Resolve', actionId: ACTION_IDS.escalationResolve, value },
      ],
    });
  }
  return items;
}

/** Everyone who may acknowledge one of the release's open escalations now: whose App Home shows it (`paged`). */
export async function escalationHomeAudience(deps: EscalationDeps, release: Release): Promise<string[]> {
  const open = (await deps.store.escalations.listForRelease(release.id)).filter(
    (e) => e.status === 'open' || e.status === 'expired',
  );
  if (open.length === 0) return [];
  const targets = await levelTargets(deps, release);
  const people = new Set<string>();
  for (const escalation of open) {
    const entitlement = await entitlementFor(deps, release, escalation, targets);
    for (const id of [...entitlement.pinged, ...entitlement.managers]) people.add(id);
  }
  return [...people];
}
