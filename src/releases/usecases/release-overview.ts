import type { HomeAction, HomeItemBase, ReleaseOverview, WaitingProvider } from '../../core/contributions.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { daysToTarget, isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, ROLES, rolesOf } from '../../core/domain/roles.ts';
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

/** What the App Home shows one person for one release: lines to read and items with a button. */
export type HomeItem = HomeItemBase & { waiting: string[]; actions: HomeAction[] };

/**
 * A "waiting for you" line source that needs the dependencies: the releases module's own ones below, and the form a
 * caller (or a test) passes to `getHome`. Other modules' sources arrive bound, through `deps.contributions.waiting`.
 */
export type WaitingSource<D> = (deps: D, item: HomeItemBase, userId: string) => Promise<string[]>;

const missingRoles: WaitingSource<unknown> = async (_deps, item) => {
  if (!item.roles.includes('rm')) return [];
  const missing = ROLES.filter((role) => holdersOf(item.assignments, role).length === 0).map((r) => ROLE_LABELS[r]);
  if (missing.length === 0) return [];
  // One line, and the form that names them all in one go, rather than a command per role.
  return [`No ${listWithOr(missing)} yet: \`/release roles\` opens a form for every role`];
};

/** "Tech Lead, DevOps Engineer or Product Owner". */
function listWithOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

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
  const bases = await Promise.all(
    releases.map(async (release): Promise<HomeItemBase> => {
      const overview = await getReleaseOverview(deps, release);
      return { ...overview, roles: rolesOf(overview.assignments, userId) };
    }),
  );
  const actions = sources
    ? []
    : (
        await Promise.all(deps.contributions.homeActions.map((provide) => provide({ teamId, userId, releases: bases })))
      ).flat();
  // Items of releases the person holds no role in (an escalation that pings them) get a card of their own.
  for (const releaseId of new Set(actions.map((a) => a.releaseId))) {
    if (bases.some((b) => b.release.id === releaseId)) continue;
    const release = await deps.store.releases.findById(releaseId);
    if (!release || release.teamId !== teamId || !isActive(release)) continue;
    bases.push({ ...(await getReleaseOverview(deps, release)), roles: [] });
  }
  const items = await Promise.all(
    bases.map(async (base) => {
      const waiting =
        base.roles.length === 0 ? [] : await Promise.all(providers.map((provide) => provide(base, userId)));
      const mine = actions.filter((a) => a.releaseId === base.release.id).sort((a, b) => a.urgency - b.urgency);
      return { ...base, waiting: waiting.flat(), actions: mine };
    }),
  );
  return items.sort(
    (a, b) => urgencyOf(a) - urgencyOf(b) || a.daysToTarget - b.daysToTarget || a.release.id - b.release.id,
  );
}

/** A card is as urgent as its most urgent item; a release with nothing to do comes after those with something. */
function urgencyOf(item: HomeItem): number {
  return Math.min(item.actions[0]?.urgency ?? 50, item.waiting.length > 0 ? 8 : 50);
}
