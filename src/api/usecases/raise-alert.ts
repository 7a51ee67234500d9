import type { Release } from '../../core/domain/release.ts';
import type { Escalation, EscalationAlert } from '../../escalation/domain/escalation.ts';
import type { EscalationCategory, EscalationLevel } from '../../escalation/domain/levels.ts';
import { raiseEscalation } from '../../escalation/index.ts';
import type { ApiDeps } from '../deps.ts';
import { type ApiProblem, plainText, problem } from '../domain/problems.ts';

export type AlertReport = {
  summary: string;
  category?: EscalationCategory | undefined;
  level?: EscalationLevel | undefined;
  source?: string | undefined;
  dedupKey?: string | undefined;
};

export type AlertAnswer = {
  ok: true;
  escalation: Escalation;
  /** True when the alert fired again on an escalation still open: no new escalation. */
  repeat: boolean;
  fired: number;
  /** The level asked for when it is not configured (the escalation was placed lower). */
  missingLevel: EscalationLevel | undefined;
  /** Recorded, but Slack refused the post: the escalation module keeps trying. */
  deliveryProblem: string | undefined;
};

/**
 * `POST …/escalations`: a monitor's alert raises an escalation exactly as `/release escalate` does (the escalation
 * module's `raiseEscalation`), raised by `ci:<token name>`. Repeats with the same `dedup_key` while the escalation is
 * not resolved add "fired again ×N" to it instead, so a flapping alert is one escalation.
 */
export async function raiseAlert(
  deps: ApiDeps,
  input: { actorId: string; release: Release; alert: AlertReport },
): Promise<AlertAnswer | ApiProblem> {
  const { alert } = input;
  const raised = await raiseEscalation(deps, {
    release: input.release,
    raisedBy: input.actorId,
    summary: alert.summary,
    category: alert.category,
    level: alert.level,
    alert: alert.dedupKey || alert.source ? { dedupKey: alert.dedupKey, sourceUrl: alert.source } : undefined,
  });
  if (!raised.ok) return problem('conflict', plainText(raised.message));
  const stored: EscalationAlert | undefined = raised.repeat;
  return {
    ok: true,
    escalation: raised.escalation,
    repeat: stored !== undefined,
    fired: stored?.fired ?? 1,
    missingLevel: raised.missingLevel,
    deliveryProblem: raised.deliveryProblem === undefined ? undefined : plainText(raised.deliveryProblem),
  };
}
