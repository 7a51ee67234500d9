/** usergroups.users.list. */
import { fail, type MethodHandler, ok, str } from './method.ts';

export const usersList: MethodHandler = (ws, params) => {
  const group = ws.usergroups.get(str(params, 'usergroup') ?? '');
  if (!group) return fail('no_such_subteam');
  return ok({ users: [...group.users] });
};
