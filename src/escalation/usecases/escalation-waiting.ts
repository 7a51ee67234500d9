import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { WaitingSource } from '../../releases/index.ts';
import type { EscalationDeps } from '../deps.ts';
import { levelLabel } from '../domain/levels.ts';
import { levelTargets, targetFor } from './escalation-delivery.ts';

const SHOWN = 60;

/** "Acknowledge escalation #n …" for the people pinged at the escalation's current level (user pings, not groups). */
export const escalationsAwaitingAcknowledgement: WaitingSource<EscalationDeps> = async (deps, item, userId) => {
  const open = (await deps.store.escalations.listForRelease(item.release.id)).filter((e) => e.status === 'open');
  if (open.length === 0) return [];
  const targets = await levelTargets(deps, item.release);
  return open
    .filter((e) => targetFor(targets, e.level).pings.includes(userId))
    .map((e) => {
      const summary = escapeMrkdwn(e.summary.length > SHOWN ? `${e.summary.slice(0, SHOWN)}…` : e.summary);
      return `Acknowledge escalation #${e.id} (${levelLabel(e.level)}) in <#${targetFor(targets, e.level).channelId}>: ${summary}`;
    });
};
