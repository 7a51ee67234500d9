import type { ContributedBlocks } from '../../core/contributions.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { DEFAULT_RACI } from '../../core/domain/raci.ts';
import type { Release } from '../../core/domain/release.ts';
import type { RoleAssignment } from '../../core/domain/roles.ts';
import { actorsForRole } from '../../releases/index.ts';
import type { PollsDeps } from '../deps.ts';
import {
  type Poll,
  type PollRoles,
  pollRoles,
  type Recommendation,
  recommend,
  type Tally,
  type TechnicalCall,
  tally,
  technicalCall,
  type Vote,
} from '../domain/go-no-go.ts';
import { pollReadiness, pollSections, type ReadinessItem } from './poll-readiness.ts';

/** Everything a poll message shows, read from the database in one go. */
export type PollView = {
  poll: Poll;
  release: Release;
  assignments: RoleAssignment[];
  roles: PollRoles;
  /** The latest vote of each voting role, oldest first (the full history: `store.polls.votes`). */
  history: Vote[];
  tally: Tally;
  recommendation: Recommendation;
  /** The technical authority's call (the Tech Lead's vote on a rollback), when cast. */
  technical: TechnicalCall | undefined;
  readiness: ReadinessItem[];
  /** What other modules add below the readiness (the deployment gate: a Go that needs re-confirmation). */
  sections: ContributedBlocks;
};

/** The matrix polls follow. One place, so a team's own matrix can replace the seed's later. */
export const POLL_RACI = DEFAULT_RACI;

export async function loadPollState(deps: PollsDeps, poll: Poll) {
  const release = await deps.store.releases.findById(poll.releaseId);
  if (!release) return undefined;
  const assignments = await deps.store.releases.assignments(release.id);
  const roles = pollRoles(POLL_RACI, poll.activity);
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  const absences = await deps.store.releases.absences(release.id);
  const delegates = roles.voting.flatMap((role) => actorsForRole(assignments, absences, role, today));
  const deciders = actorsForRole(assignments, absences, roles.decider, today).filter((a) => a.forHolder);
  // Only the latest vote per voting role: the tally needs no more, and a click must not cost more as votes pile up.
  const history = await deps.store.polls.latestVotes(poll.id, roles.voting);
  const t = tally(roles, assignments, history);
  return {
    poll,
    release,
    assignments,
    roles,
    delegates,
    deciders,
    history,
    tally: t,
    recommendation: recommend(t),
    technical: technicalCall(poll.activity, t),
  };
}

export async function getPollView(deps: PollsDeps, pollId: number): Promise<PollView | undefined> {
  // One read transaction, so the poll, its votes and its release are one consistent state.
  return deps.store.transaction(async () => {
    const poll = await deps.store.polls.findById(pollId);
    const state = poll && (await loadPollState(deps, poll));
    if (!state) return undefined;
    return { ...state, readiness: await pollReadiness(deps, state.release), sections: await pollSections(deps, poll) };
  });
}
