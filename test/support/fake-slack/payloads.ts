/**
 * The bodies Slack sends an app (slack-platform.md §2–4): slash-command fields, block_actions, view_submission,
 * view_closed and event_callback envelopes, built from the fake's current state.
 */
import type { FakeEphemeral, FakeMessage, FakeSlack, FakeView } from './fake-slack.ts';
import type { Json } from './workspace.ts';

export const VERIFICATION_TOKEN = 'fake-verification-token';

let lastActionMicros = 0;

/**
 * Slack stamps each action with microseconds, so two clicks are never one `action_ts`; Date.now() has only
 * milliseconds, and two clicks sent in the same one would look like a redelivery of one.
 */
export function actionTs(): string {
  const micros = Math.max(Date.now() * 1000, lastActionMicros + 1);
  lastActionMicros = micros;
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export function requireUser(fake: FakeSlack, userId: string): { id: string; name: string } {
  const user = fake.user(userId);
  if (!user) throw new Error(`fake-slack driver: no user ${userId} in the fake workspace (use fake.addUser)`);
  return user;
}

function userField(fake: FakeSlack, userId: string): Json {
  const user = requireUser(fake, userId);
  return { id: user.id, username: user.name, name: user.name, team_id: fake.teamId };
}

function teamField(fake: FakeSlack): Json {
  return { id: fake.teamId, domain: fake.teamDomain };
}

/** The channel name Slack reports: `directmessage` for DMs, the channel's name otherwise. */
export function channelName(fake: FakeSlack, channelId: string): string {
  const channel = fake.channel(channelId);
  if (!channel) throw new Error(`fake-slack driver: no conversation ${channelId} in the fake workspace`);
  return channel.isIm ? 'directmessage' : channel.name;
}

export function commandFields(
  fake: FakeSlack,
  input: { userId: string; channelId: string; text: string; command: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: fake.teamId,
    team_domain: fake.teamDomain,
    channel_id: input.channelId,
    channel_name: channelName(fake, input.channelId),
    user_id: input.userId,
    user_name: requireUser(fake, input.userId).name,
    command: input.command,
    text: input.text,
    api_app_id: fake.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** A stored message as a block_actions payload carries it. */
export function messageField(fake: FakeSlack, message: FakeMessage): Json {
  const field: Json = {
    type: 'message',
    user: message.user,
    text: message.text,
    ts: message.ts,
    team: fake.teamId,
    blocks: message.blocks,
  };
  if (message.botId) {
    field.bot_id = message.botId;
    field.app_id = fake.appId;
  }
  if (message.threadTs) field.thread_ts = message.threadTs;
  if (message.threadTs === message.ts) field.reply_count = message.replyCount;
  if (message.edited) field.edited = { user: message.user, ts: message.ts };
  return field;
}

type MessageSource = { kind: 'message'; message: FakeMessage } | { kind: 'ephemeral'; ephemeral: FakeEphemeral };

export function messageBlockActions(
  fake: FakeSlack,
  input: {
    userId: string;
    source: MessageSource;
    action: Json;
    state: Json;
    responseUrl: string;
    triggerId: string;
  },
): Json {
  const { source } = input;
  const channelId = source.kind === 'message' ? source.message.channel : source.ephemeral.channel;
  const ts = source.kind === 'message' ? source.message.ts : source.ephemeral.ts;
  const threadTs = source.kind === 'message' ? source.message.threadTs : source.ephemeral.threadTs;
  const container: Json = {
    type: 'message',
    message_ts: ts,
    channel_id: channelId,
    is_ephemeral: source.kind === 'ephemeral',
  };
  if (threadTs) container.thread_ts = threadTs;
  const payload: Json = {
    type: 'block_actions',
    user: userField(fake, input.userId),
    api_app_id: fake.appId,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: input.triggerId,
    team: teamField(fake),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: channelName(fake, channelId) },
    state: input.state,
    response_url: input.responseUrl,
    actions: [input.action],
  };
  // Slack keeps no copy of ephemeral messages, so their block_actions carry no `message`.
  if (source.kind === 'message') payload.message = messageField(fake, source.message);
  return payload;
}

export function viewBlockActions(
  fake: FakeSlack,
  input: { userId: string; view: FakeView; action: Json; triggerId: string },
): Json {
  return {
    type: 'block_actions',
    user: userField(fake, input.userId),
    api_app_id: fake.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId,
    team: teamField(fake),
    enterprise: null,
    is_enterprise_install: false,
    view: input.view,
    actions: [input.action],
  };
}

export function viewSubmission(
  fake: FakeSlack,
  input: { userId: string; view: FakeView; triggerId: string; responseUrls: Json[] },
): Json {
  return {
    type: 'view_submission',
    team: teamField(fake),
    user: userField(fake, input.userId),
    api_app_id: fake.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: input.responseUrls,
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewClosed(fake: FakeSlack, input: { userId: string; view: FakeView; isCleared: boolean }): Json {
  return {
    type: 'view_closed',
    team: teamField(fake),
    user: userField(fake, input.userId),
    api_app_id: fake.appId,
    token: VERIFICATION_TOKEN,
    view: input.view,
    is_cleared: input.isCleared,
    is_enterprise_install: false,
    enterprise: null,
  };
}

let eventCounter = 0;

export function eventCallback(fake: FakeSlack, event: Json): Json {
  eventCounter += 1;
  const eventTs = typeof event.event_ts === 'string' ? event.event_ts : actionTs();
  return {
    token: VERIFICATION_TOKEN,
    team_id: fake.teamId,
    api_app_id: fake.appId,
    event: { ...event, event_ts: eventTs },
    type: 'event_callback',
    event_id: `Ev${String(eventCounter).padStart(9, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: fake.teamId,
        user_id: fake.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `1-${String(event.type)}-${fake.teamId}`,
  };
}
