import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ReleasesDeps } from '../../deps.ts';
import { getHome } from '../../usecases/release-overview.ts';
import { buildAppHomeView } from '../views/app-home.ts';

/**
 * Builds and publishes one person's App Home: when they open it, after a click on it, and when the refresher is told
 * something of theirs changed; `notice` is a line on top (what a click on the home just did). The person and the
 * releases shown are remembered (`home_viewers`): their Home is worth publishing again when one of those changes.
 */
export async function publishHome(
  deps: ReleasesDeps,
  client: WebClient,
  teamId: string,
  userId: string,
  notice?: string,
): Promise<void> {
  const items = await getHome(deps, teamId, userId);
  const paged = (await Promise.all(deps.contributions.paged.map((provider) => provider(teamId, userId)))).flat();
  await client.views.publish({ user_id: userId, view: buildAppHomeView(items, paged, notice) });
  deps.homeRefresh.published(userId);
  const shown = new Set([...items.map((item) => item.release.id), ...paged.flatMap((p) => p.releaseId ?? [])]);
  await deps.store.homes.remember({ teamId, userId, shown: [...shown], publishedAt: deps.clock.now() });
}

export function createAppHomeOpenedHandler(deps: ReleasesDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, body.team_id, event.user);
  };
}
