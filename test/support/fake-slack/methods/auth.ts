/** auth.test: Bolt calls it in the App constructor and uses `user_id`/`bot_id` for its ignoreSelf middleware. */
import { type MethodHandler, ok } from './method.ts';

export const authTest: MethodHandler = (ws) =>
  ok({
    url: `https://${ws.teamDomain}.slack.com/`,
    team: 'Fake Workspace',
    user: ws.users.get(ws.botUserId)?.name ?? 'bot',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    app_id: ws.appId,
    is_enterprise_install: false,
  });
