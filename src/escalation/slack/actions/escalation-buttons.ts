import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildErrorMessage, buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import { publishHome } from '../../../releases/index.ts';
import type { EscalationDeps } from '../../deps.ts';
import type { EscalationActionResult } from '../../usecases/acknowledge-escalation.ts';
import { acknowledgeEscalation } from '../../usecases/acknowledge-escalation.ts';
import { escalateFurther } from '../../usecases/escalate-further.ts';
import { checkResolvable } from '../../usecases/resolve-escalation.ts';
import { buildResolveEscalationModal, forWhom } from '../views/escalation.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** `<id>:<step>` (the step the button was shown at); a bare `<id>` from a message posted before steps were named. */
const ButtonValue = z
  .string()
  .regex(/^\d+(:\d+)?$/)
  .transform((value) => {
    const [id, step] = value.split(':');
    return { id: Number(id), step: step === undefined ? undefined : Number(step) };
  })
  .refine((v) => v.id > 0);

function buttonOf(args: ButtonArgs): { id: number; step: number | undefined } | undefined {
  const parsed = ButtonValue.safeParse(args.action.value);
  return parsed.success ? parsed.data : undefined;
}

function escalationIdOf(args: ButtonArgs): number | undefined {
  return buttonOf(args)?.id;
}

/**
 * Tells only the clicker what happened. A click on a message answers ephemerally there; a click on the App Home has
 * no message to answer under, so the home is published again with the answer on top and the new state below.
 */
async function tell(
  deps: EscalationDeps,
  args: ButtonArgs,
  result: EscalationActionResult | { ok: false; message: string },
  done?: string,
) {
  const text = result.ok ? done : result.message;
  if (args.body.container?.type === 'view' && args.body.view?.type === 'home') {
    const teamId = args.body.team?.id ?? args.body.user.team_id ?? '';
    const notice = text ? (result.ok ? `:white_check_mark: ${text}` : `:warning: ${text}`) : undefined;
    await publishHome(deps, args.client, teamId, args.body.user.id, notice);
    return;
  }
  const message = result.ok ? (done ? buildNoticeMessage(done) : undefined) : buildErrorMessage(result.message);
  if (message) await respondProblem(args.respond, message);
}

const UNKNOWN = { ok: false as const, message: 'This button does not name an escalation I know.' };

/** Acknowledge: stops the escalation climbing; the messages are updated in place, a repeat is told who holds it. */
export function createAcknowledgeEscalationHandler(deps: EscalationDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const id = escalationIdOf(args);
    if (!id) return tell(deps, args, UNKNOWN);
    const result = await acknowledgeEscalation(deps, { escalationId: id, userId: args.body.user.id });
    const already =
      result.ok && !result.changed && result.escalation.status === 'acknowledged'
        ? `Escalation #${id} is already acknowledged by <@${result.escalation.acknowledgedBy}>${forWhom(result.escalation)}. Nothing changed.`
        : result.ok && result.changed
          ? `You acknowledged escalation #${id}${forWhom(result.escalation)}: it stops climbing.`
          : undefined;
    await tell(deps, args, result, already);
  };
}

/** Escalate: moves it to the next level now. */
export function createEscalateEscalationHandler(deps: EscalationDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const button = buttonOf(args);
    if (!button) return tell(deps, args, UNKNOWN);
    await tell(
      deps,
      args,
      await escalateFurther(deps, { escalationId: button.id, userId: args.body.user.id, step: button.step }),
    );
  };
}

/** Resolve: asks for the resolution note in a modal, unless the escalation is already resolved. */
export function createResolveEscalationHandler(deps: EscalationDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const id = escalationIdOf(args);
    if (!id) return tell(deps, args, UNKNOWN);
    const result = await checkResolvable(deps, id, args.body.user.id);
    if (!result.ok) return tell(deps, args, result);
    const opened = await deps.modals.open({
      triggerId: args.body.trigger_id,
      userId: args.body.user.id,
      view: buildResolveEscalationModal({ escalationId: id, summary: result.escalation.summary }),
    });
    if (!opened.ok) await tell(deps, args, { ok: false, message: opened.message });
  };
}
