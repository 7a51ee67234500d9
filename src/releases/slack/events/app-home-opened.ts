import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ReleasesDeps } from '../../deps.ts';
import { getHome } from '../../usecases/release-overview.ts';
import { buildAppHomeView } from '../views/app-home.ts';

export function createAppHomeOpenedHandler(deps: ReleasesDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const items = await getHome(deps, body.team_id, event.user);
    await client.views.publish({ user_id: event.user, view: buildAppHomeView(items) });
  };
}
