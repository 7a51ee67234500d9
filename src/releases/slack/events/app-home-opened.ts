import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ReleasesDeps } from '../../deps.ts';
import { getHome } from '../../usecases/release-overview.ts';
import { buildAppHomeView } from '../views/app-home.ts';

/**
 * Builds and publishes one person's App Home: when they open it, and after something of theirs changed; `notice` is
 * a line on top (what a click on the home just did).
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
}

export function createAppHomeOpenedHandler(deps: ReleasesDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, body.team_id, event.user);
  };
}
