import { overdueRisksWaiting } from '../../cadence/usecases/risks.ts';
import { standupWaiting } from '../../cadence/usecases/standups.ts';
import type { Deps } from '../../core/deps.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { daysToTarget, type Release } from '../../core/domain/release.ts';
import { holdersOf, ROLE_KEYWORDS, ROLE_LABELS, ROLES, type RoleAssignment, rolesOf } from '../../core/domain/roles.ts';
import { escalationsAwaitingAcknowledgement } from '../../escalation/usecases/escalation-waiting.ts';
import { checklistWaitingProvider } from '../../governance/usecases/get-checklist-gate.ts';
import { pollWaiting } from '../../polls/usecases/poll-waiting.ts';

export type ReleaseOverview = {
  release: Release;
  assignments: RoleAssignment[];
  today: string;
  daysToTarget: number;
};

export function getReleaseOverview(deps: Deps, release: Release): ReleaseOverview {
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  return {
    release,
    assignments: deps.store.releases.assignments(release.id),
    today,
    daysToTarget: daysToTarget(release, today),
  };
}

export function listActiveReleases(deps: Deps, teamId: string): ReleaseOverview[] {
  return deps.store.releases.listActive(teamId).map((release) => getReleaseOverview(deps, release));
}

/** What the App Home shows one person for one release. */
export type HomeItem = ReleaseOverview & { roles: ReturnType<typeof rolesOf>; waiting: string[] };

/**
 * Something a role holder should do now. Each capability (votes, standups, escalations, checklist) contributes its
 * own provider; the App Home lists whatever they return.
 */
export type WaitingProvider = (deps: Deps, item: Omit<HomeItem, 'waiting'>, userId: string) => string[];

const missingRoles: WaitingProvider = (_deps, item) => {
  if (!item.roles.includes('rm')) return [];
  return ROLES.filter((role) => holdersOf(item.assignments, role).length === 0).map(
    (role) => `Name a ${ROLE_LABELS[role]}: \`/release role ${ROLE_KEYWORDS[role]} @person\``,
  );
};

const noReleaseManager: WaitingProvider = (_deps, item) =>
  holdersOf(item.assignments, 'rm').length === 0
    ? [`No ${ROLE_LABELS.rm} yet: \`/release role rm @person\` (anyone may, until there is one)`]
    : [];

const targetPassed: WaitingProvider = (_deps, item) =>
  item.roles.includes('rm') && item.daysToTarget < 0 && item.release.status !== 'shipped'
    ? [`The target date ${item.release.targetDate} has passed: ship, move the date or cancel.`]
    : [];

const standupToAnswer: WaitingProvider = (deps, item, userId) => standupWaiting(deps, item.release, userId);
const overdueRisks: WaitingProvider = (deps, item, userId) => overdueRisksWaiting(deps, item.release, userId);

export const WAITING_PROVIDERS: WaitingProvider[] = [
  noReleaseManager,
  missingRoles,
  targetPassed,
  pollWaiting,
  escalationsAwaitingAcknowledgement,
  checklistWaitingProvider,
  standupToAnswer,
  overdueRisks,
];

export function getHome(deps: Deps, teamId: string, userId: string, providers = WAITING_PROVIDERS): HomeItem[] {
  return deps.store.releases.listForMember(teamId, userId).map((release) => {
    const overview = getReleaseOverview(deps, release);
    const base = { ...overview, roles: rolesOf(overview.assignments, userId) };
    return { ...base, waiting: providers.flatMap((provide) => provide(deps, base, userId)) };
  });
}
