import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { respondProblem } from '../../../platform/slack/respond-problem.ts';
import { buildErrorMessage, buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import type { EscalationDeps } from '../../deps.ts';
import type { EscalationActionResult } from '../../usecases/acknowledge-escalation.ts';
import { acknowledgeEscalation } from '../../usecases/acknowledge-escalation.ts';
import { escalateFurther } from '../../usecases/escalate-further.ts';
import { checkResolvable } from '../../usecases/resolve-escalation.ts';
import { buildResolveEscalationModal } from '../views/escalation.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const EscalationId = z.coerce.number().int().positive();

function escalationIdOf(args: ButtonArgs): number | undefined {
  const parsed = EscalationId.safeParse(args.action.value);
  return parsed.success ? parsed.data : undefined;
}

async function tell(args: ButtonArgs, result: EscalationActionResult | { ok: false; message: string }, done?: string) {
  const message = result.ok ? (done ? buildNoticeMessage(done) : undefined) : buildErrorMessage(result.message);
  if (message) await respondProblem(args.respond, message);
}

const UNKNOWN = { ok: false as const, message: 'This button does not name an escalation I know.' };

/** Acknowledge: stops the escalation climbing; the messages are updated in place, a repeat is told who holds it. */
export function createAcknowledgeEscalationHandler(deps: EscalationDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const id = escalationIdOf(args);
    if (!id) return tell(args, UNKNOWN);
    const result = await acknowledgeEscalation(deps, { escalationId: id, userId: args.body.user.id });
    const already =
      result.ok && !result.changed && result.escalation.status === 'acknowledged'
        ? `Escalation #${id} is already acknowledged by <@${result.escalation.acknowledgedBy}>.`
        : undefined;
    await tell(args, result, already);
  };
}

/** Escalate: moves it to the next level now. */
export function createEscalateEscalationHandler(deps: EscalationDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const id = escalationIdOf(args);
    if (!id) return tell(args, UNKNOWN);
    await tell(args, await escalateFurther(deps, { escalationId: id, userId: args.body.user.id }));
  };
}

/** Resolve: asks for the resolution note in a modal, unless the escalation is already resolved. */
export function createResolveEscalationHandler(deps: EscalationDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const id = escalationIdOf(args);
    if (!id) return tell(args, UNKNOWN);
    const result = await checkResolvable(deps, id);
    if (!result.ok) return tell(args, result);
    const opened = await deps.modals.open({
      triggerId: args.body.trigger_id,
      userId: args.body.user.id,
      view: buildResolveEscalationModal({ escalationId: id, summary: result.escalation.summary }),
    });
    if (!opened.ok) await tell(args, { ok: false, message: opened.message });
  };
}
