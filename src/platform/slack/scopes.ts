/**
 * The bot scopes each Web API method needs (Slack's method reference). The manifest test reads the methods the code
 * calls and checks that manifest.json asks for exactly these scopes, no more and no fewer. A list means every scope
 * in it: the reading methods need one per kind of channel the bot posts in (public, private).
 */
export const METHOD_SCOPES: Readonly<Record<string, string | readonly string[] | null>> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'conversations.join': 'channels:join',
  'conversations.open': 'im:write',
  'conversations.info': 'channels:read',
  // Public and private release channels alike.
  'conversations.members': ['channels:read', 'groups:read'],
  // Looking for a post an earlier try may have made (post-once.ts), in public and private release channels.
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'users.info': 'users:read',
  'usergroups.users.list': 'usergroups:read',
  'views.open': null,
  'views.update': null,
  'views.push': null,
  'views.publish': null,
  'files.uploadV2': 'files:write',
};

/** Scopes that come with a feature rather than a method call. */
export const FEATURE_SCOPES = { slashCommands: 'commands' } as const;
