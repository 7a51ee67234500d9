import type { HomeItemBase, ReleaseOverview, WaitingProvider } from '../../core/contributions.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { daysToTarget, type Release } from '../../core/domain/release.ts';
import { holdersOf, ROLE_KEYWORDS, ROLE_LABELS, ROLES, rolesOf } from '../../core/domain/roles.ts';
import type { ReleasesDeps } from '../deps.ts';

export type { ReleaseOverview } from '../../core/contributions.ts';

export async function getReleaseOverview(deps: ReleasesDeps, release: Release): Promise<ReleaseOverview> {
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  return {
    release,
    assignments: await deps.store.releases.assignments(release.id),
    today,
    daysToTarget: daysToTarget(release, today),
  };
}

export async function listActiveReleases(deps: ReleasesDeps, teamId: string): Promise<ReleaseOverview[]> {
  const releases = await deps.store.releases.listActive(teamId);
  return Promise.all(releases.map((release) => getReleaseOverview(deps, release)));
}

/** What the App Home shows one person for one release. */
export type HomeItem = HomeItemBase & { waiting: string[] };

/**
 * A "waiting for you" line source that needs the dependencies: the releases module's own ones below, and the form a
 * caller (or a test) passes to `getHome`. Other modules' sources arrive bound, through `deps.contributions.waiting`.
 */
export type WaitingSource<D> = (deps: D, item: HomeItemBase, userId: string) => Promise<string[]>;

const missingRoles: WaitingSource<unknown> = async (_deps, item) => {
  if (!item.roles.includes('rm')) return [];
  return ROLES.filter((role) => holdersOf(item.assignments, role).length === 0).map(
    (role) => `Name a ${ROLE_LABELS[role]}: \`/release role ${ROLE_KEYWORDS[role]} @person\``,
  );
};

const noReleaseManager: WaitingSource<unknown> = async (_deps, item) =>
  holdersOf(item.assignments, 'rm').length === 0
    ? [`No ${ROLE_LABELS.rm} yet: \`/release role rm @person\` (anyone may, until there is one)`]
    : [];

const targetPassed: WaitingSource<unknown> = async (_deps, item) =>
  item.roles.includes('rm') && item.daysToTarget < 0 && item.release.status !== 'shipped'
    ? [`The target date ${item.release.targetDate} has passed: ship, move the date or cancel.`]
    : [];

/** The releases module's own lines, shown before the other modules' (votes, escalations, checklist, standups, risks). */
const RELEASE_WAITING: readonly WaitingSource<unknown>[] = [noReleaseManager, missingRoles, targetPassed];

/**
 * The App Home's releases for one person, each with what waits for them: the releases module's own lines, then the
 * other modules' registered ones. `sources`, when given, are used instead of all of them.
 */
export async function getHome<D extends ReleasesDeps>(
  deps: D,
  teamId: string,
  userId: string,
  sources?: readonly WaitingSource<D>[],
): Promise<HomeItem[]> {
  const bind =
    (source: WaitingSource<D>): WaitingProvider =>
    (item, user) =>
      source(deps, item, user);
  const providers = sources ? sources.map(bind) : [...RELEASE_WAITING.map(bind), ...deps.contributions.waiting];
  const releases = await deps.store.releases.listForMember(teamId, userId);
  return Promise.all(
    releases.map(async (release) => {
      const overview = await getReleaseOverview(deps, release);
      const base: HomeItemBase = { ...overview, roles: rolesOf(overview.assignments, userId) };
      const waiting = await Promise.all(providers.map((provide) => provide(base, userId)));
      return { ...base, waiting: waiting.flat() };
    }),
  );
}
