import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Person } from '../../core/domain/people.ts';
import type { UserDirectory } from '../../core/ports.ts';

const UsersInfo = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    is_app_user: z.boolean().optional(),
    is_workflow_bot: z.boolean().optional(),
    tz: z.string().optional(),
  }),
});

function errorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Reads people from Slack's `users.info`; an unknown user is `undefined`, any other failure throws. */
export function createUserDirectory(client: WebClient): UserDirectory {
  return {
    async lookup(userId) {
      try {
        const response = UsersInfo.parse(await client.users.info({ user: userId }));
        const { user } = response;
        return {
          id: user.id,
          name: user.real_name || user.name || user.id,
          isBot: user.is_bot ?? false,
          isAppUser: user.is_app_user ?? false,
          isWorkflowBot: user.is_workflow_bot ?? false,
          deleted: user.deleted ?? false,
          timeZone: user.tz ?? null,
        } satisfies Person;
      } catch (error) {
        if (errorCode(error) === 'user_not_found' || errorCode(error) === 'user_not_visible') return undefined;
        throw error;
      }
    },
  };
}
