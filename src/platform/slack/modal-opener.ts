import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Clock, InteractionStore, Logger, ModalOpener } from '../../core/ports.ts';

/** How long an opened modal may still be submitted: a form left open over a working day is still a real one. */
const VIEW_TTL_MS = 24 * 60 * 60_000;

/** Slack's answers when the 3-second trigger was spent or gone before `views.open` reached it. */
const STALE_TRIGGER = new Set(['expired_trigger_id', 'exchanged_trigger_id']);

export const STALE_TRIGGER_MESSAGE =
  'Slack took too long to open that form (its 3-second window ran out). Please click or type the command again.';

function platformError(error: unknown): string | undefined {
  return (error as { data?: { error?: unknown } }).data?.error as string | undefined;
}

/** `views.open`, then the record of the view opened: its id, its callback, who it is for and its metadata. */
export function createModalOpener(deps: {
  client: WebClient;
  interactions: InteractionStore;
  clock: Clock;
  logger: Logger;
}): ModalOpener {
  return {
    async open({ triggerId, userId, view }) {
      let opened: { view?: { id?: string; callback_id?: string; private_metadata?: string } };
      try {
        opened = await deps.client.views.open({ trigger_id: triggerId, view: view as ModalView });
      } catch (error) {
        const code = platformError(error);
        if (code && STALE_TRIGGER.has(code)) {
          deps.logger.warn(`a modal for ${userId} could not open: ${code}`);
          return { ok: false, message: STALE_TRIGGER_MESSAGE };
        }
        throw error;
      }
      const viewId = opened.view?.id;
      if (!viewId) throw new Error('views.open answered without a view id');
      const now = deps.clock.now();
      await deps.interactions.recordView({
        viewId,
        callbackId: opened.view?.callback_id ?? view.callback_id ?? '',
        userId,
        privateMetadata: opened.view?.private_metadata ?? view.private_metadata ?? '',
        openedAt: now,
        expiresAt: new Date(now.getTime() + VIEW_TTL_MS),
      });
      return { ok: true, viewId };
    },
  };
}
