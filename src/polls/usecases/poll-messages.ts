import { ROLE_LABELS } from '../../core/domain/roles.ts';
import {
  type DecideRefusal,
  POLL_WORDING,
  type PollActivity,
  roleLabelList,
  type VoteRefusal,
} from '../domain/go-no-go.ts';

function mentions(ids: readonly string[]): string {
  return ids.length === 0 ? 'nobody yet' : ids.map((id) => `<@${id}>`).join(', ');
}

/** Why a vote was refused, as a sentence for the person who clicked. */
export function explainVoteRefusal(refusal: VoteRefusal, activity: PollActivity): string {
  const title = POLL_WORDING[activity].title;
  switch (refusal.reason) {
    case 'poll_closed':
      return `This ${title} poll is already decided; votes can no longer change.`;
    case 'not_a_voting_role':
      return `The ${ROLE_LABELS[refusal.role]} does not vote on the ${title}. Voting roles: ${roleLabelList(refusal.voting)}.`;
    case 'not_a_holder':
      return (
        `Only the ${ROLE_LABELS[refusal.role]} (${mentions(refusal.holders)}) can cast that role's vote, so nothing ` +
        `was changed. Each Responsible role votes for itself; ask the Release Manager if you should hold the role.`
      );
    case 'not_human':
      return `${refusal.why}: only people vote on the ${title}.`;
    case 'note_required':
      return refusal.value === 'no_go'
        ? 'A No-Go needs a reason. Write it so the team knows what blocks the release.'
        : 'Go with conditions needs the conditions. Write what must be true to go.';
    case 'note_too_long':
      return `Keep the note to ${refusal.max} characters.`;
  }
}

export function explainDecideRefusal(refusal: DecideRefusal, activity: PollActivity): string {
  const wording = POLL_WORDING[activity];
  switch (refusal.reason) {
    case 'poll_closed':
      return `This ${wording.title} is already decided.`;
    case 'not_the_decider':
      return `Only the ${ROLE_LABELS[refusal.role]} (${mentions(refusal.holders)}) makes the final call on the ${wording.title}; nothing was changed.`;
    case 'not_human':
      return `${refusal.why}: only a person decides the ${wording.title}.`;
    case 'rationale_required':
      if (refusal.technical && refusal.technical.side === refusal.recommended) {
        return (
          `The ${ROLE_LABELS[refusal.technical.role]} (<@${refusal.technical.voterId}>), the technical authority, calls ` +
          `${wording.sides[refusal.technical.side]}. Deciding against the technical call needs a written rationale: ` +
          'write why, so both sides are on record.'
        );
      }
      if (refusal.technical) {
        return (
          `The recommendation is ${wording.sides[refusal.recommended]}, but the ${ROLE_LABELS[refusal.technical.role]} ` +
          `(<@${refusal.technical.voterId}>), the technical authority, calls ${wording.sides[refusal.technical.side]}. ` +
          'Deciding against the technical call needs a written rationale: write why, so both sides are on record.'
        );
      }
      return `The recommendation is ${wording.sides[refusal.recommended]}. Deciding against it needs a written rationale: write why, so both sides are on record.`;
    case 'rationale_too_long':
      return `Keep the rationale to ${refusal.max} characters.`;
  }
}
