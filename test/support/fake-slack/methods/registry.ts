/** The Web API methods the fake implements, by Slack method name. Anything else answers `unknown_method`. */
import { authTest } from './auth.ts';
import * as chat from './chat.ts';
import * as conversations from './conversations.ts';
import * as files from './files.ts';
import type { MethodHandler } from './method.ts';
import * as usergroups from './usergroups.ts';
import * as users from './users.ts';
import * as views from './views.ts';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'chat.postMessage': chat.postMessage,
  'chat.update': chat.update,
  'chat.delete': chat.chatDelete,
  'chat.postEphemeral': chat.postEphemeral,
  'chat.getPermalink': chat.getPermalink,
  'views.open': views.open,
  'views.push': views.push,
  'views.update': views.update,
  'views.publish': views.publish,
  'users.info': users.info,
  'users.list': users.list,
  'conversations.info': conversations.info,
  'conversations.members': conversations.members,
  'conversations.join': conversations.join,
  'conversations.open': conversations.open,
  'conversations.history': conversations.history,
  'conversations.replies': conversations.replies,
  'usergroups.users.list': usergroups.usersList,
  'files.getUploadURLExternal': files.getUploadURLExternal,
  'files.completeUploadExternal': files.completeUploadExternal,
};
