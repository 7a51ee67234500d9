/**
 * Who may stop an escalation's climb and who may close it. Pure: the use case gathers the people (pinged users,
 * members of pinged user groups, role holders, Release Managers).
 */
import { formatPingList } from './mentions.ts';

/**
 * Who counts as pinged at level 1: the release's role holders. One function over the role holders, so that people
 * acting for a role (delegates) can be added in one place.
 */
export function levelOneAcknowledgers(roleHolders: readonly string[]): string[] {
  return [...new Set(roleHolders)];
}

export type Entitlement = {
  /** Everyone pinged at the escalation's current level, with the members of pinged user groups. */
  pinged: ReadonlySet<string>;
  /** The pings as configured (users and groups), for the refusal that says who may. */
  pings: readonly string[];
  /** The release's Release Managers. */
  managers: ReadonlySet<string>;
  raisedBy: string;
};

export function mayAcknowledge(entitlement: Entitlement, userId: string): boolean {
  return entitlement.pinged.has(userId) || entitlement.managers.has(userId);
}

export function mayResolve(entitlement: Entitlement, userId: string): boolean {
  return mayAcknowledge(entitlement, userId) || entitlement.raisedBy === userId;
}

/** The private refusal: what was refused and who may do it instead. */
export function describeWhoMay(
  action: 'acknowledge' | 'resolve',
  entitlement: Entitlement,
  escalation: { id: number; levelLabel: string },
): string {
  const who = [`the people pinged at ${escalation.levelLabel} (${formatPingList(entitlement.pings)})`];
  const managers = [...entitlement.managers];
  who.push(managers.length > 0 ? `the Release Manager (${formatPingList(managers)})` : 'the Release Manager');
  if (action === 'resolve') who.push(`the person who raised it (<@${entitlement.raisedBy}>)`);
  const last = who.pop();
  return `Only ${who.join(', ')} or ${last} can ${action} escalation #${escalation.id}. Nothing changed.`;
}
