import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { readinessChanged } from '../../../core/contributions.ts';
import { MessageButtonClick, parseMetadata } from '../../../platform/slack/payloads.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import type { GateDeps } from '../../deps.ts';
import { confirmGo } from '../../usecases/confirm-go.ts';
import { shipRelease } from '../../usecases/ship-release.ts';
import { announceDeployment, shipAnnouncement } from '../commands/gate-commands.ts';
import { buildGoConfirmedNotice, buildShipRefusal } from '../views/gate.ts';

const ConfirmValue = z.object({ r: z.number().int().positive(), s: z.union([z.literal(0), z.literal(1)]) });

/**
 * "Confirm Go" (on the poll) and "Confirm Go and ship" (on a refused `/release ship`): the Release Manager stands by
 * a stale Go with one click. The confirmation is recorded and posted in the channel, the poll message refreshed; with
 * "and ship", the release then ships through the gate like `/release ship`.
 */
export function createConfirmGoHandler(deps: GateDeps) {
  return async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await args.ack();
    const click = MessageButtonClick.safeParse(args);
    const value = click.success ? parseMetadata(ConfirmValue, click.data.action.value) : undefined;
    if (!click.success || !value) {
      await respondProblem(args.respond, 'This button has expired; run `/release ship` again.');
      return;
    }
    const userId = click.data.body.user.id;
    const confirmed = await confirmGo(deps, { releaseId: value.r, actorId: userId });
    if (!confirmed.ok) {
      await respondProblem(args.respond, confirmed.message);
      return;
    }
    if (confirmed.changed) {
      const notice = buildGoConfirmedNotice({ release: confirmed.release, actorId: userId, events: confirmed.events });
      await postWithInformed(args.client, deps.logger, confirmed.release.channelId, notice, undefined);
      await readinessChanged(deps, confirmed.release.id);
    }
    if (value.s === 0) {
      if (!confirmed.changed) await respondProblem(args.respond, 'The Go needs no re-confirmation now.');
      return;
    }
    const shipped = await shipRelease(deps, { release: confirmed.release, actorId: userId });
    if (!shipped.ok) {
      await respondProblem(args.respond, 'gate' in shipped ? buildShipRefusal(shipped) : shipped.message);
      return;
    }
    const message = await shipAnnouncement(deps, shipped.release, userId, shipped.gate);
    await announceDeployment({ client: args.client, deps }, shipped.release, message);
    await args.respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...buildNoticeMessage('Go re-confirmed and the release shipped: the channel has been told.'),
    });
  };
}
