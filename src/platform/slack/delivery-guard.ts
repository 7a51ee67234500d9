import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, InteractionStore, Logger } from '../../core/ports.ts';
import { type Admission, type Delivery, SIGNATURE_WINDOW_SECONDS } from './receiver.ts';

/** A signature is remembered for as long as its timestamp could still be accepted, with room for clock skew. */
const SIGNATURE_TTL_MS = 2 * SIGNATURE_WINDOW_SECONDS * 1000 + 60_000;
/** Slack retries a delivery for a few minutes at most; a person double-clicks within seconds. */
const DELIVERY_TTL_MS = 60 * 60_000;
const VIEW_RECORD_GRACE_MS = 1500;

type Deps = { interactions: InteractionStore; clock: Clock; logger: Logger };

type ViewSubmission = {
  user: { id: string };
  view: {
    id: string;
    callback_id: string;
    private_metadata?: string;
    blocks?: Array<{ type?: string; block_id?: string }>;
  };
};

/**
 * The admission gate (one record per delivery, in the database so every process agrees):
 * - a slash command whose signature was seen already is a replay, and ignored; an event is handled once per
 *   `event_id`, which Slack keeps when it redelivers;
 * - a block action is handled once per (action_ts, user, action_id, block and value): a double click or a
 *   redelivery does nothing;
 * - a view submission is accepted only for a modal the bot opened, for the person submitting it, with the context it
 *   was opened with, and handled once per view. A submission answered with errors gives its claim back, so the
 *   person can correct the form and submit again.
 */
export function createDeliveryGuard(deps: Deps): (delivery: Delivery) => Promise<Admission> {
  const claim = (key: string, ttlMs: number) => {
    const now = deps.clock.now();
    return deps.interactions.claim(key, now, new Date(now.getTime() + ttlMs));
  };

  return async (delivery) => {
    const { body } = delivery;
    if (body.type === 'block_actions') {
      const user = (body.user as { id: string }).id;
      const [action] = body.actions as Array<{
        action_id: string;
        action_ts?: string;
        block_id?: string;
        value?: string;
      }>;
      if (!action?.action_ts) return { admit: true };
      // Two different buttons are never one double click, even when Slack stamps them with the same action_ts.
      const which = `${action.block_id ?? ''}:${action.value ?? ''}`;
      const first = await claim(`action:${action.action_ts}:${user}:${action.action_id}:${which}`, DELIVERY_TTL_MS);
      return first ? { admit: true } : { admit: false, reason: `a block action already handled (${action.action_id})` };
    }
    if (body.type === 'view_submission') return admitSubmission(deps, body as unknown as ViewSubmission, claim);
    if (body.type === 'view_closed') return { admit: true };
    if (body.type === 'event_callback' && typeof body.event_id === 'string') {
      // Slack redelivers an event it thinks was missed with the same event id (and `X-Slack-Retry-Num`).
      const first = await claim(`event:${body.event_id}`, DELIVERY_TTL_MS);
      return first ? { admit: true } : { admit: false, reason: `an event already handled (${body.event_id})` };
    }
    const first = await claim(`signature:${delivery.signature}`, SIGNATURE_TTL_MS);
    return first ? { admit: true } : { admit: false, reason: 'a replayed request (its signature was seen already)' };
  };
}

async function admitSubmission(
  deps: Deps,
  body: ViewSubmission,
  claim: (key: string, ttlMs: number) => Promise<boolean>,
): Promise<Admission> {
  const { view, user } = body;
  const opened = await findOpenedView(deps, view.id);
  const problem = !opened
    ? 'a view the bot did not open (or that expired)'
    : opened.callbackId !== view.callback_id
      ? 'a view submitted under another callback id'
      : opened.userId !== user.id
        ? `a view opened for ${opened.userId}, submitted by ${user.id}`
        : opened.privateMetadata !== (view.private_metadata ?? '')
          ? 'a view whose private_metadata differs from what the bot gave it'
          : undefined;
  if (problem) {
    deps.logger.warn(`refused a ${view.callback_id} submission: ${problem}`);
    const block = view.blocks?.find((b) => b.type === 'input' && b.block_id)?.block_id;
    return {
      admit: false,
      reason: problem,
      ...(block
        ? {
            response: {
              response_action: 'errors',
              errors: { [block]: 'This form is not valid any more. Close it and start again.' },
            },
          }
        : {}),
    };
  }
  const key = `view:${view.id}`;
  if (!(await claim(key, DELIVERY_TTL_MS))) {
    return { admit: false, reason: `a ${view.callback_id} submission already handled` };
  }
  const giveBack = () => deps.interactions.release(key);
  return {
    admit: true,
    onAck: async (response) => {
      if ((response as { response_action?: string } | undefined)?.response_action === 'errors') await giveBack();
    },
    onUnacknowledged: giveBack,
  };
}

/**
 * The replica that opened a modal records it once `views.open` answers, so on a busy machine a quick submission can
 * reach another replica first: an unknown view is looked up again for a moment before it counts as forged (Slack
 * waits 3 s for the answer to a submission).
 */
async function findOpenedView(deps: Deps, viewId: string) {
  const deadline = Date.now() + VIEW_RECORD_GRACE_MS;
  for (;;) {
    const opened = await deps.interactions.findView(viewId, deps.clock.now());
    if (opened || Date.now() >= deadline) return opened;
    await delay(100);
  }
}
