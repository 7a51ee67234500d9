import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../../../core/ports.ts';
import type { EscalationDirectory } from '../../ports.ts';

const GroupUsers = z.object({ users: z.array(z.string()) });
const UserFlags = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }),
});

/**
 * User group members (`usergroups.users.list`, scope `usergroups:read`) and admin flags (`users.info`), each cached
 * for `ttlMs`: every click on an escalation asks who was pinged, and a burst of clicks must not be a burst of calls.
 * Failures are not cached; a group Slack will not list counts as having no members (logged), so nobody is let in
 * by mistake.
 */
export function createEscalationDirectory(
  client: WebClient,
  options: { logger: Logger; ttlMs?: number; now?: () => number },
): EscalationDirectory {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cached = <T>(load: (id: string) => Promise<T>) => {
    const cache = new Map<string, { at: number; value: Promise<T> }>();
    return (id: string): Promise<T> => {
      const hit = cache.get(id);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = load(id);
      if (cache.size >= 2000) cache.delete(cache.keys().next().value as string);
      cache.set(id, { at: now(), value });
      value.catch(() => cache.delete(id));
      return value;
    };
  };
  const members = cached(
    async (groupId) => GroupUsers.parse(await client.usergroups.users.list({ usergroup: groupId })).users,
  );
  const admin = cached(async (userId) => {
    const { user } = UserFlags.parse(await client.users.info({ user: userId }));
    return (user.is_admin ?? false) || (user.is_owner ?? false);
  });
  return {
    async groupMembers(groupId) {
      try {
        return await members(groupId);
      } catch (error) {
        options.logger.warn(`could not list the members of user group ${groupId}`, error);
        return [];
      }
    },
    async isWorkspaceAdmin(userId) {
      try {
        return await admin(userId);
      } catch (error) {
        options.logger.warn(`could not look up whether ${userId} is a workspace admin`, error);
        return false;
      }
    },
  };
}
