import { AsyncResource } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { WebClient } from '@slack/web-api';
import type { Release } from '../../../core/domain/release.ts';
import type { Logger } from '../../../core/ports.ts';
import type { ReleasesDeps } from '../../deps.ts';
import type { HomeRefresher, HomeViewer } from '../../ports.ts';
import { homeAudience } from '../../usecases/home-audience.ts';
import { publishHome } from '../events/app-home-opened.ts';

/** How long changes are gathered before the Homes they concern are published: a burst of votes is one publish. */
export const HOME_REFRESH_DELAY_MS = 500;

export type RunningHomeRefresher = HomeRefresher & {
  /** Resolves once nothing is waiting or being published (tests; the bot's shutdown). */
  idle: () => Promise<void>;
  /** Drops what is waiting and takes no more: the database is about to close. */
  stop: () => Promise<void>;
};

/**
 * The App Home kept true without being opened again. `changed` is the one call a use case makes after its write:
 * it notes the release in memory and returns (no database, no Slack, nothing awaited). After `delayMs` the batch is
 * published: for each noted release, the people it concerns now (role holders, their delegates, whoever other
 * modules name: the people an escalation pages) and the people whose last published Home showed it (a role taken
 * away, an escalation resolved), kept to those who have opened their Home before (`home_viewers`). Each person's
 * Home is published once per batch, whatever the number of changes; a failure is logged and the rest go on.
 *
 * The batch runs in the context the refresher was created in, never in the caller's: a change noted inside a
 * transaction is published after it, by store calls that do not join it. Nothing is durable: a process that stops
 * with a batch waiting leaves those Homes as they were until they are opened again.
 */
export function createHomeRefresher(options: {
  deps: () => ReleasesDeps;
  client: WebClient;
  logger: Logger;
  delayMs?: number;
}): RunningHomeRefresher {
  const delayMs = options.delayMs ?? HOME_REFRESH_DELAY_MS;
  let pending = new Map<number, Set<string>>();
  /** When the latest change of the waiting batch was noted, and when each Home was last published (monotonic ms). */
  let lastChange = 0;
  const publishedAt = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const arm = AsyncResource.bind(() => {
    if (stopped || timer || running || pending.size === 0) return;
    timer = setTimeout(flush, delayMs);
    timer.unref();
  });

  const flush = AsyncResource.bind(() => {
    timer = undefined;
    const batch = pending;
    const changedAt = lastChange;
    pending = new Map();
    running = publishBatch(batch, changedAt)
      .catch((error: unknown) => options.logger.warn('could not refresh App Homes', error))
      .finally(() => {
        running = undefined;
        arm();
      });
  });

  async function publishBatch(batch: Map<number, Set<string>>, changedAt: number) {
    // Forget publishes older than any batch could still be about.
    for (const [userId, at] of publishedAt) if (at < changedAt - 60_000) publishedAt.delete(userId);
    const deps = options.deps();
    const teams = new Map<string, { viewers: HomeViewer[]; people: Set<string>; releases: Set<number> }>();
    for (const [releaseId, extra] of batch) {
      const release: Release | undefined = await deps.store.releases.findById(releaseId);
      if (!release) continue;
      let team = teams.get(release.teamId);
      if (!team) {
        team = { viewers: await deps.store.homes.viewers(release.teamId), people: new Set(), releases: new Set() };
        teams.set(release.teamId, team);
      }
      // Nobody of the workspace has opened their Home: nothing to work out.
      if (team.viewers.length === 0) continue;
      team.releases.add(releaseId);
      for (const id of extra) team.people.add(id);
      for (const id of await homeAudience(deps, release)) team.people.add(id);
    }
    for (const [teamId, team] of teams) {
      for (const viewer of team.viewers) {
        if (stopped) return;
        if (!team.people.has(viewer.userId) && !viewer.shown.some((id) => team.releases.has(id))) continue;
        // Published since the last change (a click on the Home answered with a notice): already up to date.
        if ((publishedAt.get(viewer.userId) ?? Number.NEGATIVE_INFINITY) > changedAt) continue;
        await publishHome(deps, options.client, teamId, viewer.userId).catch((error: unknown) =>
          options.logger.warn(`could not refresh the App Home of ${viewer.userId}`, error),
        );
      }
    }
  }

  return {
    changed(releaseId, userIds = []) {
      if (stopped) return;
      const extra = pending.get(releaseId) ?? new Set<string>();
      for (const id of userIds) extra.add(id);
      pending.set(releaseId, extra);
      lastChange = performance.now();
      arm();
    },
    published(userId) {
      publishedAt.set(userId, performance.now());
    },
    async idle() {
      while (timer || running) {
        if (timer) {
          clearTimeout(timer);
          flush();
        }
        await running;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      await running;
    },
  };
}
