import type { Person } from '../../core/domain/people.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { type Activity, accountableRole, type RaciMatrix, rolesWithLetter } from '../../core/domain/raci.ts';
import type { ReleaseStatus } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';

/**
 * Go/no-go and rollback polls, as the RACI matrix defines them: the Responsible roles vote, the Consulted roles may
 * comment, the Accountable role (the Release Manager) decides. Nothing here is hard-coded per role: it all comes from
 * the matrix the caller passes.
 */
export const POLL_ACTIVITIES = ['go_no_go', 'rollback'] as const satisfies readonly Activity[];
export type PollActivity = (typeof POLL_ACTIVITIES)[number];

export const VOTE_VALUES = ['go', 'go_with_conditions', 'no_go'] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

export const POLL_STATUSES = ['open', 'decided'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** The two ways the decider can call it. */
export const DECISION_SIDES = ['go', 'no_go'] as const;
export type DecisionSide = (typeof DECISION_SIDES)[number];

/** How each activity words its votes and outcomes. A rollback "Go" means "roll back". */
export const POLL_WORDING: Record<
  PollActivity,
  {
    title: string;
    votes: Record<VoteValue, string>;
    sides: Record<DecisionSide, string>;
    outcomes: Record<DecisionSide, string>;
  }
> = {
  go_no_go: {
    title: 'Go/No-Go',
    votes: { go: 'Go', go_with_conditions: 'Go with conditions', no_go: 'No-Go' },
    sides: { go: 'Go', no_go: 'No-Go' },
    outcomes: { go: 'go', no_go: 'no_go' },
  },
  rollback: {
    title: 'Rollback decision',
    votes: { go: 'Roll back', go_with_conditions: 'Roll back with conditions', no_go: "Don't roll back" },
    sides: { go: 'Roll back', no_go: "Don't roll back" },
    outcomes: { go: 'rollback', no_go: 'no_rollback' },
  },
};

/**
 * Release statuses in which a poll of each kind may be opened. A go/no-go may be opened again on an approved
 * release: that is how the Release Manager reopens the decision when the Go went stale (src/gate).
 */
export const POLL_OPEN_FROM: Record<PollActivity, readonly ReleaseStatus[]> = {
  go_no_go: ['planning', 'approved'],
  rollback: ['approved', 'shipped'],
};

/**
 * The role whose vote is the technical authority's call, per activity. The seed gives the Tech Lead "technical
 * rollback decision authority" while the RACI makes the Release Manager Accountable for the rollback decision. The
 * reading here: the RM decides the rollback poll (A), and the Tech Lead's vote is the technical call. It is shown as
 * such on the poll and kept in the decision, and deciding against it needs a written rationale, as deciding against
 * the recommendation does.
 */
export const TECHNICAL_AUTHORITY: Partial<Record<PollActivity, Role>> = { rollback: 'tech_lead' };

export const MAX_NOTE_LENGTH = 1000;

export type Poll = {
  id: number;
  teamId: string;
  releaseId: number;
  activity: PollActivity;
  channelId: string;
  messageTs: string | null;
  status: PollStatus;
  deadlineAt: Date | null;
  /** Incremented on every change (vote, decision, message attached): renders can tell old from new. */
  version: number;
  openedBy: string;
  openedAt: Date;
  remindedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decision: DecisionSide | null;
  rationale: string | null;
};

/** One entry of a poll's vote history. The current vote of a role is its latest entry. */
export type Vote = {
  pollId: number;
  role: Role;
  voterId: string;
  value: VoteValue;
  note: string | null;
  at: Date;
  /** When a delegate voted for an absent holder: the holder ("by @voter for @holder"). */
  onBehalfOf?: string;
};

export type PollRoles = { voting: Role[]; consulted: Role[]; decider: Role };

export function pollRoles(matrix: RaciMatrix, activity: PollActivity): PollRoles {
  return {
    voting: rolesWithLetter(matrix, activity, 'R'),
    consulted: rolesWithLetter(matrix, activity, 'C'),
    decider: accountableRole(matrix, activity),
  };
}

/** The latest vote of each role, from the full history (in the order it was cast). */
export function currentVotes(history: readonly Vote[]): Map<Role, Vote> {
  const current = new Map<Role, Vote>();
  for (const vote of history) current.set(vote.role, vote);
  return current;
}

export type CastVoteInput = {
  poll: Pick<Poll, 'status' | 'activity'>;
  roles: PollRoles;
  assignments: readonly RoleAssignment[];
  history: readonly Vote[];
  /** Who clicked, as the user directory reports them; undefined when the workspace does not know them. */
  voter: Person | undefined;
  voterId: string;
  role: Role;
  /** Delegates of absent holders who may vote for them now (`whoMayActFor` in releases). */
  delegates?: ReadonlyArray<{ userId: string; role: Role; forHolder: string | null }>;
  value: VoteValue;
  note?: string | null | undefined;
  now: Date;
};

export type VoteRefusal =
  | { reason: 'poll_closed' }
  | { reason: 'not_a_voting_role'; role: Role; voting: Role[] }
  | { reason: 'not_a_holder'; role: Role; holders: string[] }
  | { reason: 'not_human'; why: string }
  | { reason: 'note_required'; value: VoteValue }
  | { reason: 'note_too_long'; max: number };

export type CastVoteResult = { ok: true; vote: Vote; changed: boolean } | ({ ok: false } & VoteRefusal);

/** Checks who may cast this role's vote, without a value: used before asking for a note in a modal. */
export function checkVoter(
  input: Pick<CastVoteInput, 'poll' | 'roles' | 'assignments' | 'voter' | 'voterId' | 'role' | 'delegates'>,
): { ok: true; forHolder?: string } | ({ ok: false } & VoteRefusal) {
  if (input.poll.status !== 'open') return { ok: false, reason: 'poll_closed' };
  if (!input.roles.voting.includes(input.role)) {
    return { ok: false, reason: 'not_a_voting_role', role: input.role, voting: input.roles.voting };
  }
  // The human-only rule first: a bot, app or Slackbot hears that it may never vote, not which role it lacks.
  if (!input.voter) return { ok: false, reason: 'not_human', why: `<@${input.voterId}> is not a known account` };
  const why = whyNotHuman(input.voter);
  if (why) return { ok: false, reason: 'not_human', why };
  const holders = holdersOf(input.assignments, input.role);
  if (holders.includes(input.voterId)) return { ok: true };
  const delegate = input.delegates?.find((d) => d.role === input.role && d.userId === input.voterId && d.forHolder);
  if (delegate?.forHolder) return { ok: true, forHolder: delegate.forHolder };
  return { ok: false, reason: 'not_a_holder', role: input.role, holders };
}

/** Whether a vote value needs a note: conditions for Go with conditions, a reason for No-Go. */
export function noteRequired(value: VoteValue): boolean {
  return value !== 'go';
}

/**
 * Casts (or changes) one role's vote. A vote identical to the voter's current vote for that role is not a change
 * (`changed: false`): a double click or a repeated delivery counts once.
 */
export function castVote(input: CastVoteInput): CastVoteResult {
  const allowed = checkVoter(input);
  if (!allowed.ok) return allowed;
  const note = input.note?.trim() || null;
  if (noteRequired(input.value) && !note) return { ok: false, reason: 'note_required', value: input.value };
  if (note && note.length > MAX_NOTE_LENGTH) return { ok: false, reason: 'note_too_long', max: MAX_NOTE_LENGTH };
  const vote: Vote = {
    pollId: 0,
    role: input.role,
    voterId: input.voterId,
    value: input.value,
    note,
    at: input.now,
    ...(allowed.forHolder ? { onBehalfOf: allowed.forHolder } : {}),
  };
  const current = currentVotes(input.history).get(input.role);
  const same =
    current !== undefined &&
    current.voterId === vote.voterId &&
    current.value === vote.value &&
    current.note === vote.note;
  return { ok: true, vote: same ? current : vote, changed: !same };
}

export type RoleTally = { role: Role; holders: string[]; vote: Vote | undefined };
export type Tally = { roles: RoleTally[]; consulted: Array<{ role: Role; holders: string[] }> };

export function tally(roles: PollRoles, assignments: readonly RoleAssignment[], history: readonly Vote[]): Tally {
  const current = currentVotes(history);
  return {
    roles: roles.voting.map((role) => ({ role, holders: holdersOf(assignments, role), vote: current.get(role) })),
    consulted: roles.consulted.map((role) => ({ role, holders: holdersOf(assignments, role) })),
  };
}

export type RoleNote = { role: Role; voterId: string; note: string };

/**
 * Go only when every Responsible role has voted Go or Go with conditions (the conditions listed); any No-Go makes
 * it No-Go with the objections listed; otherwise it is No-Go for now, waiting for the missing roles.
 */
export type Recommendation = {
  side: DecisionSide;
  /** Every voting role has voted. */
  complete: boolean;
  conditions: RoleNote[];
  objections: RoleNote[];
  waitingFor: Role[];
};

export function recommend(t: Tally): Recommendation {
  const conditions: RoleNote[] = [];
  const objections: RoleNote[] = [];
  const waitingFor: Role[] = [];
  for (const { role, vote } of t.roles) {
    if (!vote) waitingFor.push(role);
    else if (vote.value === 'go_with_conditions')
      conditions.push({ role, voterId: vote.voterId, note: vote.note ?? '' });
    else if (vote.value === 'no_go') objections.push({ role, voterId: vote.voterId, note: vote.note ?? '' });
  }
  const complete = waitingFor.length === 0;
  const side: DecisionSide = complete && objections.length === 0 && t.roles.length > 0 ? 'go' : 'no_go';
  return { side, complete, conditions, objections, waitingFor };
}

/** The technical authority's vote on a poll, as the side it argues for. */
export type TechnicalCall = { role: Role; voterId: string; side: DecisionSide; note: string | null };

/** The technical authority's current vote (the Tech Lead's, on a rollback), or undefined when none is cast. */
export function technicalCall(activity: PollActivity, t: Tally): TechnicalCall | undefined {
  const role = TECHNICAL_AUTHORITY[activity];
  const vote = role ? t.roles.find((r) => r.role === role)?.vote : undefined;
  if (!role || !vote) return undefined;
  return { role, voterId: vote.voterId, side: vote.value === 'no_go' ? 'no_go' : 'go', note: vote.note };
}

export type DecideInput = {
  poll: Pick<Poll, 'status' | 'activity'>;
  roles: PollRoles;
  assignments: readonly RoleAssignment[];
  recommendation: Recommendation;
  /** The technical authority's call, when the activity has one and it was cast. */
  technical?: TechnicalCall | undefined;
  decider: Person | undefined;
  deciderId: string;
  side: DecisionSide;
  rationale: string | null | undefined;
};

export type DecideRefusal =
  | { reason: 'poll_closed' }
  | { reason: 'not_the_decider'; role: Role; holders: string[] }
  | { reason: 'not_human'; why: string }
  | { reason: 'rationale_required'; recommended: DecisionSide; technical?: TechnicalCall | undefined }
  | { reason: 'rationale_too_long'; max: number };

export type DecideResult =
  | {
      ok: true;
      side: DecisionSide;
      rationale: string | null;
      againstRecommendation: boolean;
      /** Decided against the technical authority's call (the Tech Lead on a rollback). */
      againstTechnicalCall: boolean;
    }
  | ({ ok: false } & DecideRefusal);

/** Checks who may decide, before asking for a rationale. */
export function checkDecider(
  input: Pick<DecideInput, 'poll' | 'roles' | 'assignments' | 'decider' | 'deciderId'> & {
    /** Who else may decide now: the RM's delegate named with `decide:yes` (`whoMayActFor` in releases). */
    deciders?: ReadonlyArray<{ userId: string; mayDecide: boolean }>;
  },
): { ok: true } | ({ ok: false } & DecideRefusal) {
  if (input.poll.status !== 'open') return { ok: false, reason: 'poll_closed' };
  const holders = holdersOf(input.assignments, input.roles.decider);
  const delegated = input.deciders?.some((d) => d.userId === input.deciderId && d.mayDecide) ?? false;
  if (!holders.includes(input.deciderId) && !delegated) {
    return { ok: false, reason: 'not_the_decider', role: input.roles.decider, holders };
  }
  if (!input.decider) return { ok: false, reason: 'not_human', why: `<@${input.deciderId}> is not a known account` };
  const why = whyNotHuman(input.decider);
  if (why) return { ok: false, reason: 'not_human', why };
  return { ok: true };
}

/**
 * The Accountable role's final call. Deciding against the recommendation, or against the technical authority's call,
 * needs a written rationale.
 */
export function decide(
  input: DecideInput & { deciders?: ReadonlyArray<{ userId: string; mayDecide: boolean }> },
): DecideResult {
  const allowed = checkDecider(input);
  if (!allowed.ok) return allowed;
  const rationale = input.rationale?.trim() || null;
  const againstRecommendation = input.side !== input.recommendation.side;
  const againstTechnicalCall = input.technical !== undefined && input.side !== input.technical.side;
  if ((againstRecommendation || againstTechnicalCall) && !rationale) {
    return {
      ok: false,
      reason: 'rationale_required',
      recommended: input.recommendation.side,
      technical: againstTechnicalCall ? input.technical : undefined,
    };
  }
  if (rationale && rationale.length > MAX_NOTE_LENGTH) {
    return { ok: false, reason: 'rationale_too_long', max: MAX_NOTE_LENGTH };
  }
  return { ok: true, side: input.side, rationale, againstRecommendation, againstTechnicalCall };
}

/** Who may open a poll of this kind: the Accountable role and, for a rollback, the Responsible roles too. */
export function openers(roles: PollRoles, activity: PollActivity): Role[] {
  return activity === 'rollback' ? [roles.decider, ...roles.voting] : [roles.decider];
}

/** Voting roles nobody holds: a poll cannot be complete without them. */
export function unheldVotingRoles(roles: PollRoles, assignments: readonly RoleAssignment[]): Role[] {
  return roles.voting.filter((role) => holdersOf(assignments, role).length === 0);
}

/** The people to remind at the deadline: holders of roles that have not voted, and the decider(s). */
export function peopleToRemind(t: Tally, assignments: readonly RoleAssignment[], decider: Role): string[] {
  const ids = t.roles.filter((r) => !r.vote).flatMap((r) => r.holders);
  for (const id of holdersOf(assignments, decider)) if (!ids.includes(id)) ids.push(id);
  return [...new Set(ids)];
}

export function roleLabelList(roles: readonly Role[]): string {
  return ROLES.filter((r) => roles.includes(r))
    .map((r) => ROLE_LABELS[r])
    .join(', ');
}
