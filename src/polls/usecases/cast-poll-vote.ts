import { type Failure, fail } from '../../core/deps.ts';
import type { Role } from '../../core/domain/roles.ts';
import type { PollsDeps } from '../deps.ts';
import { castVote, checkVoter, type Poll, type VoteValue } from '../domain/go-no-go.ts';
import { explainVoteRefusal } from './poll-messages.ts';
import { loadPollState } from './poll-view.ts';

type PollState = NonNullable<Awaited<ReturnType<typeof loadPollState>>>;

export type CastPollVoteInput = {
  pollId: number;
  role: Role;
  voterId: string;
  value: VoteValue;
  note?: string | null | undefined;
};

export type CastPollVoteResult =
  | { ok: true; poll: Poll; changed: boolean }
  | (Failure & { reason: string; field?: 'note' });

const NO_POLL = { ...fail('That poll no longer exists.'), reason: 'no_poll' };

/**
 * Casts or changes one role's vote. Every change is a new row (the history is kept); a vote identical to the current
 * one writes nothing, so a double click or a repeated delivery counts once.
 */
export async function castPollVote(deps: PollsDeps, input: CastPollVoteInput): Promise<CastPollVoteResult> {
  const voter = await deps.users.lookup(input.voterId);
  const now = deps.clock.now();
  const cast = await deps.store.transaction(async (): Promise<CastPollVoteResult> => {
    const poll = await deps.store.polls.findById(input.pollId);
    const state = poll && (await loadPollState(deps, poll));
    if (!poll || !state) return NO_POLL;
    const result = castVote({ ...state, ...input, voter, now });
    if (!result.ok) {
      return {
        ...fail(explainVoteRefusal(result, poll.activity)),
        reason: result.reason,
        ...(result.reason === 'note_required' || result.reason === 'note_too_long' ? { field: 'note' as const } : {}),
      };
    }
    if (!result.changed) return { ok: true, poll, changed: false };
    const before = state.tally.roles.find((r) => r.role === input.role)?.vote;
    const updated = await deps.store.polls.addVote({ ...result.vote, pollId: poll.id });
    await deps.store.audit.record({
      teamId: poll.teamId,
      releaseId: poll.releaseId,
      actorId: input.voterId,
      action: 'poll.voted',
      subject: `${poll.activity}:${input.role}`,
      before: before ? { value: before.value, note: before.note, voterId: before.voterId } : undefined,
      after: {
        pollId: poll.id,
        value: result.vote.value,
        note: result.vote.note,
        ...(result.vote.onBehalfOf ? { onBehalfOf: result.vote.onBehalfOf } : {}),
      },
      at: now,
    });
    return { ok: true, poll: updated, changed: true };
  });
  // After the commit, and without waiting: the voters' and the decider's App Homes are published again soon.
  if (cast.ok && cast.changed) deps.homeRefresh.changed(cast.poll.releaseId);
  return cast;
}

/**
 * Whether this person may cast this role's vote, checked before asking them for a note; with the poll's state read
 * for the check (the note modal shows the role's current vote from it, with no second read).
 */
export async function checkPollVoter(
  deps: PollsDeps,
  input: Pick<CastPollVoteInput, 'pollId' | 'role' | 'voterId'>,
): Promise<{ ok: true; poll: Poll; state: PollState } | Failure> {
  const voter = await deps.users.lookup(input.voterId);
  const poll = await deps.store.polls.findById(input.pollId);
  const state = poll && (await loadPollState(deps, poll));
  if (!poll || !state) return NO_POLL;
  const result = checkVoter({ ...state, ...input, voter });
  return result.ok ? { ok: true, poll, state } : fail(explainVoteRefusal(result, poll.activity));
}
