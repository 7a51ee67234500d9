import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { isActive } from '../../../core/domain/release.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { openRolesForm } from '../commands/role-commands.ts';

const Click = z.object({
  user: z.object({ id: z.string() }),
  trigger_id: z.string(),
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
});

/**
 * "Assign roles" on the "release created" message: the roles form, as `/release roles` opens it. A refusal (the
 * clicker may not change roles, the release is over, the trigger expired) is told privately.
 */
export function createRolesOpenAction(deps: ReleasesDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const parsed = Click.safeParse(body);
    if (!parsed.success) return;
    const userId = parsed.data.user.id;
    const release = await deps.store.releases.findById(Number(parsed.data.actions[0]?.value));
    if (!release) return;
    const opened = isActive(release)
      ? await openRolesForm(deps, { release, userId, triggerId: parsed.data.trigger_id })
      : { ok: false as const, message: `${release.name} is not active any more; its roles are kept as they were.` };
    if (!opened.ok) await client.chat.postEphemeral({ channel: release.channelId, user: userId, text: opened.message });
  };
}
