import { pollDecided } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import { type ChecklistItem, MAX_OVERRIDE_REASON } from '../../governance/domain/checklist.ts';
import type { Decision } from '../../governance/domain/decision.ts';
import { type ChecklistGateResult, getChecklistGate, recordOverride } from '../../governance/index.ts';
import type { PollsDeps } from '../deps.ts';
import {
  checkDecider,
  type DecisionSide,
  decide,
  POLL_WORDING,
  type Poll,
  type Recommendation,
  type Tally,
  type TechnicalCall,
} from '../domain/go-no-go.ts';
import { pollDeadlineKey } from './open-poll.ts';
import { explainDecideRefusal } from './poll-messages.ts';
import { loadPollState } from './poll-view.ts';

export type DecidePollInput = {
  pollId: number;
  deciderId: string;
  side: DecisionSide;
  rationale?: string | null | undefined;
  /**
   * Go with checklist items open (issue 6, the gate): the Release Manager's reason to accept them. Recorded as the
   * checklist override, before the Go decision, in the same transaction. Ignored when no override is needed.
   */
  overrideReason?: string | null | undefined;
};

/** The override recorded on the way to a Go decision, for the announcement in the channel. */
export type RecordedOverride = { decision: Decision; openLabels: string[] };

export type DecidePollResult =
  | {
      ok: true;
      poll: Poll;
      decision: Decision;
      release: Release;
      againstRecommendation: boolean;
      override: RecordedOverride | undefined;
    }
  | (Failure & { field?: 'rationale' })
  | (Failure & { field: 'override'; openItems: string[]; missingReason: boolean });

/** What the decision log keeps of a poll: the tally, the recommendation and, when overridden, the side overruled. */
export type PollDecisionDetails = {
  pollId: number;
  tally: Array<{ role: string; voterId: string | null; value: string | null; note: string | null }>;
  recommendation: Recommendation;
  againstRecommendation: boolean;
  overridden: {
    side: DecisionSide;
    objections: Recommendation['objections'];
    conditions: Recommendation['conditions'];
  } | null;
  /** A Go with checklist items open: the override that accepted them (absent when every item was ticked). */
  checklistOverride?: { decisionId: number; openItems: string[] };
  /** On a rollback: the Tech Lead's vote as the technical authority's call, and whether the RM decided against it. */
  technicalCall?: (TechnicalCall & { against: boolean }) | null;
};

/** The open items as people read them: "All tests passing (QA Lead), Monitoring configured (DevOps)". */
export function describeOpenItems(open: readonly Pick<ChecklistItem, 'label' | 'owner'>[]): string {
  return open.map((item) => `${item.label} (${ROLE_LABELS[item.owner]})`).join(', ');
}

/** Why Go is refused while checklist items are open, and the two ways on. */
export function explainChecklistGate(open: readonly Pick<ChecklistItem, 'label' | 'owner'>[]): string {
  const n = open.length;
  return (
    `Go needs every checklist item ticked; ${n} ${n === 1 ? 'is' : 'are'} open: ${describeOpenItems(open)}. ` +
    'Tick them (`/release checklist`), or accept Go with them open by writing an override reason in the Decide Go ' +
    'form (or `/release checklist override &lt;reason&gt;`); the reason is recorded and announced in the channel.'
  );
}

/** Go on a go/no-go is gated on the checklist; No-Go and rollback decisions are not. */
async function gateFor(deps: PollsDeps, poll: Poll, side: DecisionSide): Promise<ChecklistGateResult | undefined> {
  if (poll.activity !== 'go_no_go' || side !== 'go') return undefined;
  const gate = await getChecklistGate(deps, poll.releaseId);
  return gate.canGoWithoutOverride || gate.coveredByOverride ? undefined : gate;
}

/** The release status a decision moves the release to, if any. */
function statusAfterDecision(
  poll: Poll,
  side: DecisionSide,
  status: Release['status'],
): { status: Release['status']; subject: string } | undefined {
  if (poll.activity === 'go_no_go' && side === 'go' && status === 'planning') {
    return { status: 'approved', subject: 'go_decision' };
  }
  if (poll.activity === 'go_no_go' && side === 'no_go' && status === 'approved') {
    return { status: 'planning', subject: 'no_go_decision' };
  }
  if (poll.activity === 'rollback' && side === 'go' && status === 'approved') {
    return { status: 'planning', subject: 'rollback_decision' };
  }
  return undefined;
}

/** Thrown inside the transaction to undo what was written (the override) when a later step refuses. */
class Rollback extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

function tallyDetails(t: Tally): PollDecisionDetails['tally'] {
  return t.roles.map(({ role, vote }) => ({
    role,
    voterId: vote?.voterId ?? null,
    value: vote?.value ?? null,
    note: vote?.note ?? null,
  }));
}

/**
 * The Release Manager's final call: recorded in the decision log with the tally, the poll closed, the deadline
 * cancelled; a Go on the go/no-go moves the release to "approved for deployment". All in one transaction.
 */
export async function decidePoll(deps: PollsDeps, input: DecidePollInput): Promise<DecidePollResult> {
  const decider = await deps.users.lookup(input.deciderId);
  const now = deps.clock.now();
  try {
    // Awaited here so that the rollback's rejection is caught below.
    const result = await decideNow(deps, input, decider, now);
    // After the commit: a pipeline waiting on the gate (src/api) hears of the decision at once.
    if (result.ok) await pollDecided(deps, result.release.id);
    return result;
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    throw error;
  }
}

async function decideNow(
  deps: PollsDeps,
  input: DecidePollInput,
  decider: Awaited<ReturnType<PollsDeps['users']['lookup']>>,
  now: Date,
): Promise<DecidePollResult> {
  return deps.store.transaction(async (): Promise<DecidePollResult> => {
    const poll = await deps.store.polls.findById(input.pollId);
    const state = poll && (await loadPollState(deps, poll));
    if (!poll || !state) return fail('That poll no longer exists.');
    const result = decide({
      ...state,
      decider,
      deciderId: input.deciderId,
      side: input.side,
      rationale: input.rationale,
    });
    if (!result.ok) {
      const message = explainDecideRefusal(result, poll.activity);
      return result.reason === 'rationale_required' || result.reason === 'rationale_too_long'
        ? { ...fail(message), field: 'rationale' }
        : fail(message);
    }
    // The checklist gate, checked against the checklist as it is NOW (an item may have been unticked meanwhile).
    const gate = await gateFor(deps, poll, result.side);
    let override: RecordedOverride | undefined;
    if (gate) {
      const reason = input.overrideReason?.trim() ?? '';
      const openItems = gate.open.map((item) => item.label);
      const refuse = (message: string, missingReason = false) =>
        ({ ...fail(message), field: 'override', openItems, missingReason }) as const;
      if (reason === '') return refuse(explainChecklistGate(gate.open), true);
      if (reason.length > MAX_OVERRIDE_REASON) {
        return refuse(`Keep the override reason to ${MAX_OVERRIDE_REASON} characters.`);
      }
      // The override first, then the Go decision: the log reads in the order the RM accepted things.
      // Inside this transaction, with no Slack call: `decide` above checked that the decider is a person.
      const recorded = await recordOverride(deps, { release: state.release, actorId: input.deciderId, reason }, now);
      if (!recorded.ok) return refuse(recorded.message);
      override = { decision: recorded.decision, openLabels: recorded.openLabels };
    }
    const closed = await deps.store.polls.decide(poll.id, {
      side: result.side,
      decidedBy: input.deciderId,
      decidedAt: now,
      rationale: result.rationale,
    });
    if (!closed) throw new Rollback(fail(explainDecideRefusal({ reason: 'poll_closed' }, poll.activity)));
    const { recommendation } = state;
    const details: PollDecisionDetails = {
      pollId: poll.id,
      tally: tallyDetails(state.tally),
      recommendation,
      againstRecommendation: result.againstRecommendation,
      overridden: result.againstRecommendation
        ? { side: recommendation.side, objections: recommendation.objections, conditions: recommendation.conditions }
        : null,
      ...(override ? { checklistOverride: { decisionId: override.decision.id, openItems: override.openLabels } } : {}),
      ...(poll.activity === 'rollback'
        ? { technicalCall: state.technical ? { ...state.technical, against: result.againstTechnicalCall } : null }
        : {}),
    };
    const decision = await deps.store.decisions.record({
      teamId: poll.teamId,
      releaseId: poll.releaseId,
      kind: poll.activity,
      area: null,
      outcome: POLL_WORDING[poll.activity].outcomes[result.side],
      rationale: result.rationale,
      decidedBy: input.deciderId,
      decidedAt: now,
      details,
    });
    await deps.store.timers.cancel(pollDeadlineKey(poll.id));
    await deps.store.audit.record({
      teamId: poll.teamId,
      releaseId: poll.releaseId,
      actorId: input.deciderId,
      action: 'poll.decided',
      subject: poll.activity,
      after: {
        pollId: poll.id,
        decisionId: decision.id,
        outcome: decision.outcome,
        against: result.againstRecommendation,
      },
      at: now,
    });
    let release = state.release;
    const next = statusAfterDecision(poll, result.side, release.status);
    if (next) {
      // planning → approved: "approved for deployment" is reached only by a Go decision. A No-Go on a reopened poll,
      // or a decision to roll back before shipping, takes the approval away again (the gate closes either way).
      release = await deps.store.releases.setStatus(release.id, next.status, now);
      await deps.store.audit.record({
        teamId: poll.teamId,
        releaseId: poll.releaseId,
        actorId: input.deciderId,
        action: 'release.status_changed',
        subject: next.subject,
        before: { status: state.release.status },
        after: { status: release.status },
        at: now,
      });
    }
    return {
      ok: true,
      poll: closed,
      decision,
      release,
      againstRecommendation: result.againstRecommendation,
      override,
    };
  });
}

/** Whether this person may decide, checked before asking them for a rationale. */
export async function checkPollDecider(
  deps: PollsDeps,
  input: { pollId: number; deciderId: string },
): Promise<
  | {
      ok: true;
      poll: Poll;
      recommendation: Recommendation;
      technical: TechnicalCall | undefined;
      checklist: DecideChecklist;
    }
  | Failure
> {
  const decider = await deps.users.lookup(input.deciderId);
  const poll = await deps.store.polls.findById(input.pollId);
  const state = poll && (await loadPollState(deps, poll));
  if (!poll || !state) return fail('That poll no longer exists.');
  const result = checkDecider({ ...state, decider, deciderId: input.deciderId });
  if (!result.ok) return fail(explainDecideRefusal(result, poll.activity));
  return {
    ok: true,
    poll,
    recommendation: state.recommendation,
    technical: state.technical,
    checklist: await decideChecklist(deps, poll),
  };
}

/**
 * What the Decide Go form shows of the checklist: the open items, and whether an override already covers them
 * (then no reason is asked again). Empty for a rollback poll.
 */
export type DecideChecklist = {
  open: Array<Pick<ChecklistItem, 'label' | 'owner'>>;
  total: number;
  coveredBy: Decision | undefined;
};

async function decideChecklist(deps: PollsDeps, poll: Poll): Promise<DecideChecklist> {
  if (poll.activity !== 'go_no_go') return { open: [], total: 0, coveredBy: undefined };
  const gate = await getChecklistGate(deps, poll.releaseId);
  return {
    open: gate.open.map((item) => ({ label: item.label, owner: item.owner })),
    total: gate.total,
    coveredBy: gate.coveredByOverride ? gate.override : undefined,
  };
}
