import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { releaseLabel } from '../../../core/domain/markup.ts';
import { isActive } from '../../../core/domain/release.ts';
import { ROLE_LABELS, ROLES } from '../../../core/domain/roles.ts';
import { rolePickerBlockId } from '../../../core/ids.ts';
import { inputValue, inputValues, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import { createSlackPoster } from '../../../platform/slack/post-once.ts';
import type { ReleasesDeps } from '../../deps.ts';
import { type ChosenHolders, setRoles } from '../../usecases/set-roles.ts';
import { buildRolesSetMessage } from '../views/roles-modal.ts';

const Metadata = z.object({ releaseId: z.number().int().positive() });
const RM_BLOCK = rolePickerBlockId('rm');
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Slack shows field errors as plain text, where `<@U…>` stays raw: mentions become @names, emphasis goes. */
async function plain(deps: ReleasesDeps, message: string): Promise<string> {
  let text = message.replaceAll('*', '').replaceAll('`', '');
  for (const [mention, userId = ''] of text.matchAll(MENTION)) {
    const person = userId === 'USLACKBOT' ? undefined : await deps.users.lookup(userId).catch(() => undefined);
    text = text.replace(mention, `@${person?.name ?? (userId === 'USLACKBOT' ? 'Slackbot' : userId)}`);
  }
  return text;
}

/**
 * The roles form. A refused pick goes back under its picker and nothing is written; a refusal of the whole form
 * (the person may no longer change roles) goes under the Release Manager's picker. Success closes the form and posts
 * one channel message, keyed by the view, so a replayed submission cannot post it twice.
 */
export function createRolesSubmissionHandler(deps: ReleasesDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const metadata = parseMetadata(Metadata, view.private_metadata);
    const release = metadata && (await deps.store.releases.findById(metadata.releaseId));
    if (!release || !isActive(release)) {
      await ack({ response_action: 'errors', errors: { [RM_BLOCK]: 'This release is not active any more.' } });
      return;
    }
    const values = ViewStateValues.parse(view.state.values);
    const chosen: ChosenHolders = {};
    for (const role of ROLES) {
      const block = rolePickerBlockId(role);
      if (!values[block]) continue;
      if (role === 'rm') {
        const userId = inputValue(values, block);
        chosen.rm = userId ? [userId] : [];
      } else chosen[role] = inputValues(values, block);
    }
    const result = await setRoles(deps, { release, actorId: body.user.id, chosen });
    if (!result.ok) {
      const errors: Record<string, string> = {};
      if ('problems' in result) {
        for (const problem of result.problems) {
          const block = rolePickerBlockId(problem.role);
          errors[block] = [errors[block], await plain(deps, problem.message)].filter(Boolean).join(' ');
        }
      } else errors[RM_BLOCK] = await plain(deps, result.message);
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (!result.changed) {
      await client.chat.postEphemeral({
        channel: release.channelId,
        user: body.user.id,
        text: `Nothing changed: the roles on ${releaseLabel(release)} stay as they were.`,
      });
      return;
    }
    // Names for the holders who are not pinged: everyone whose roles did not change.
    const names = new Map<string, string>();
    for (const userId of new Set(
      Object.values(result.holders)
        .flat()
        .concat(result.changes.flatMap((c) => c.kept)),
    )) {
      const person = await deps.users.lookup(userId).catch(() => undefined);
      names.set(userId, person?.name ?? userId);
    }
    const poster = createSlackPoster({ client, logger: deps.logger, intents: deps.store.intents, clock: deps.clock });
    await poster.post({
      key: `roles:${view.id}`,
      channel: release.channelId,
      message: buildRolesSetMessage({
        actorId: body.user.id,
        releaseLabel: releaseLabel(release),
        holders: result.holders,
        changes: result.changes,
        nameOf: (userId) => names.get(userId) ?? userId,
      }),
    });
    deps.logger.info(
      `roles of release ${release.id} set by ${body.user.id}: ${result.changes.map((c) => ROLE_LABELS[c.role]).join(', ')}`,
    );
  };
}
