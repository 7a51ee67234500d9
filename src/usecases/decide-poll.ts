import type { Decision } from '../domain/decision.ts';
import {
  checkDecider,
  type DecisionSide,
  decide,
  POLL_WORDING,
  type Poll,
  type Recommendation,
  type Tally,
} from '../domain/go-no-go.ts';
import type { Release } from '../domain/release.ts';
import { type Deps, type Failure, fail } from './deps.ts';
import { pollDeadlineKey } from './open-poll.ts';
import { explainDecideRefusal } from './poll-messages.ts';
import { loadPollState } from './poll-view.ts';

export type DecidePollInput = {
  pollId: number;
  deciderId: string;
  side: DecisionSide;
  rationale?: string | null | undefined;
};

export type DecidePollResult =
  | { ok: true; poll: Poll; decision: Decision; release: Release; againstRecommendation: boolean }
  | (Failure & { field?: 'rationale' });

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
};

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
export async function decidePoll(deps: Deps, input: DecidePollInput): Promise<DecidePollResult> {
  const decider = await deps.users.lookup(input.deciderId);
  const now = deps.clock.now();
  return deps.store.transaction((): DecidePollResult => {
    const poll = deps.store.polls.findById(input.pollId);
    const state = poll && loadPollState(deps, poll);
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
    const closed = deps.store.polls.decide(poll.id, {
      side: result.side,
      decidedBy: input.deciderId,
      decidedAt: now,
      rationale: result.rationale,
    });
    if (!closed) return fail(explainDecideRefusal({ reason: 'poll_closed' }, poll.activity));
    const { recommendation } = state;
    const details: PollDecisionDetails = {
      pollId: poll.id,
      tally: tallyDetails(state.tally),
      recommendation,
      againstRecommendation: result.againstRecommendation,
      overridden: result.againstRecommendation
        ? { side: recommendation.side, objections: recommendation.objections, conditions: recommendation.conditions }
        : null,
    };
    const decision = deps.store.decisions.record({
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
    deps.store.timers.cancel(pollDeadlineKey(poll.id));
    deps.store.audit.record({
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
    if (poll.activity === 'go_no_go' && result.side === 'go' && release.status === 'planning') {
      // planning → approved: "approved for deployment" is reached only by a Go decision.
      release = deps.store.releases.setStatus(release.id, 'approved', now);
      deps.store.audit.record({
        teamId: poll.teamId,
        releaseId: poll.releaseId,
        actorId: input.deciderId,
        action: 'release.status_changed',
        subject: 'go_decision',
        before: { status: state.release.status },
        after: { status: release.status },
        at: now,
      });
    }
    return { ok: true, poll: closed, decision, release, againstRecommendation: result.againstRecommendation };
  });
}

/** Whether this person may decide, checked before asking them for a rationale. */
export async function checkPollDecider(
  deps: Deps,
  input: { pollId: number; deciderId: string },
): Promise<{ ok: true; poll: Poll; recommendation: Recommendation } | Failure> {
  const decider = await deps.users.lookup(input.deciderId);
  const poll = deps.store.polls.findById(input.pollId);
  const state = poll && loadPollState(deps, poll);
  if (!poll || !state) return fail('That poll no longer exists.');
  const result = checkDecider({ ...state, decider, deciderId: input.deciderId });
  return result.ok
    ? { ok: true, poll, recommendation: state.recommendation }
    : fail(explainDecideRefusal(result, poll.activity));
}
