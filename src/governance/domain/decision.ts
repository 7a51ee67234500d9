/**
 * A recorded decision: go/no-go and rollback calls from polls, and decisions in an area where a role has final
 * authority. Every kind is kept in one log so `/release decisions` tells the whole story in order.
 */
export const DECISION_KINDS = ['go_no_go', 'rollback', 'authority'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export type NewDecision = {
  teamId: string;
  releaseId: number;
  kind: DecisionKind;
  /** The authority area (`schedule`, `architecture`, …); null for polls. */
  area: string | null;
  /** What was decided: `go`, `no_go`, `rollback`, `no_rollback`, or the decision text for an authority area. */
  outcome: string;
  rationale: string | null;
  decidedBy: string;
  decidedAt: Date;
  /** Kind-specific record, such as a poll's tally and recommendation. */
  details: unknown;
};

export type Decision = NewDecision & { id: number };
