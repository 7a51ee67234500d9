/**
 * Who may stop an escalation's climb and who may close it. Pure: the use case gathers the people (pinged users,
 * members of pinged user groups, role holders, Release Managers).
 */
import { formatPingList } from './mentions.ts';

/** Someone who may act for a role now (the releases module's `RoleActor`: `actorsForRole`). */
export type Actor = { userId: string; forHolder: string | null };

/**
 * Who counts as pinged at level 1: everyone who may act for a role of the release now, that is its role holders and
 * the delegates of the holders away today (given by the releases module's `actorsForRole`, the one rule for who may
 * act for a role). Each person once; someone who holds a role acts for themselves even when also a delegate.
 */
export function levelOneAcknowledgers(actors: readonly Actor[]): Actor[] {
  const out = new Map<string, Actor>();
  for (const a of actors) {
    const seen = out.get(a.userId);
    if (!seen || (seen.forHolder && !a.forHolder)) out.set(a.userId, { userId: a.userId, forHolder: a.forHolder });
  }
  return [...out.values()];
}

export type Entitlement = {
  /** Everyone pinged at the escalation's current level, with the members of pinged user groups. */
  pinged: ReadonlySet<string>;
  /** The pings as configured (users and groups), for the refusal that says who may. */
  pings: readonly string[];
  /** The release's Release Managers. */
  managers: ReadonlySet<string>;
  /** Delegates entitled only because they act for an away holder: delegate → holder (recorded "for @holder"). */
  actingFor: ReadonlyMap<string, string>;
  raisedBy: string;
};

export function mayAcknowledge(entitlement: Entitlement, userId: string): boolean {
  return entitlement.pinged.has(userId) || entitlement.managers.has(userId) || entitlement.actingFor.has(userId);
}

/** The away holder `userId` would acknowledge for, or null when they are entitled in their own right. */
export function acknowledgesFor(entitlement: Entitlement, userId: string): string | null {
  return entitlement.actingFor.get(userId) ?? null;
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
