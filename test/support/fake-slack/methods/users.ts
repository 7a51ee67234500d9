/** users.info and users.list, in the full Slack user shape (bots carry `profile.bot_id`). */
import type { FakeUser } from '../fake-slack.ts';
import type { Json, Workspace } from '../workspace.ts';
import { fail, type MethodHandler, ok, paginate, str } from './method.ts';

const DEFAULT_TZ = 'America/Los_Angeles';

function zoneName(timeZone: string, style: 'long' | 'longOffset', at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Seconds east of UTC, e.g. -25200 for `GMT-07:00`. */
function tzOffsetSeconds(timeZone: string, at: Date): number {
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zoneName(timeZone, 'longOffset', at));
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

export function toSlackUser(ws: Workspace, user: FakeUser): Json {
  const tz = user.tz ?? DEFAULT_TZ;
  const at = new Date(ws.now());
  const isBot = user.isBot ?? false;
  const realName = user.realName ?? user.name;
  const profile: Json = {
    real_name: realName,
    real_name_normalized: realName,
    display_name: user.name,
    display_name_normalized: user.name,
    team: ws.teamId,
    image_72: `https://fake.slack-edge.com/${user.id}_72.png`,
  };
  if (!isBot && user.id !== 'USLACKBOT') profile.email = `${user.name}@example.com`;
  if (isBot) {
    profile.bot_id = user.id === ws.botUserId ? ws.botId : `B${user.id.slice(1)}`;
    profile.api_app_id = user.id === ws.botUserId ? ws.appId : `A${user.id.slice(1)}`;
    profile.always_active = true;
  }
  return {
    id: user.id,
    team_id: ws.teamId,
    name: user.name,
    deleted: user.deleted ?? false,
    color: '9f69e7',
    real_name: realName,
    tz,
    tz_label: zoneName(tz, 'long', at),
    tz_offset: tzOffsetSeconds(tz, at),
    profile,
    is_admin: (user.isAdmin ?? false) || (user.isOwner ?? false) || (user.isPrimaryOwner ?? false),
    is_owner: (user.isOwner ?? false) || (user.isPrimaryOwner ?? false),
    is_primary_owner: user.isPrimaryOwner ?? false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: isBot,
    is_app_user: user.isAppUser ?? false,
    is_workflow_bot: user.isWorkflowBot ?? false,
    is_email_confirmed: !isBot,
    updated: Math.floor(ws.now() / 1000),
    has_2fa: false,
  };
}

export const info: MethodHandler = (ws, params) => {
  const user = ws.users.get(str(params, 'user') ?? '');
  if (!user) return fail('user_not_found');
  return ok({ user: toSlackUser(ws, user) });
};

export const list: MethodHandler = (ws, params) => {
  const page = paginate([...ws.users.values()], params, Number.MAX_SAFE_INTEGER);
  if (!page.ok) return page.result;
  return ok({
    members: page.items.map((u) => toSlackUser(ws, u)),
    cache_ts: Math.floor(ws.now() / 1000),
    response_metadata: { next_cursor: page.nextCursor },
  });
};
