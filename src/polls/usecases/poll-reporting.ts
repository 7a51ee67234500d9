import { formatUtc, markdownText } from '../../core/domain/markdown.ts';
import type { Release } from '../../core/domain/release.ts';
import type { MetricsFacts, RecordSection } from '../../core/domain/reports.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { PollsDeps } from '../deps.ts';
import { POLL_WORDING, type Poll, type Vote } from '../domain/go-no-go.ts';

/**
 * Votes that changed, in the order they were cast: a vote is a change when the same voter had voted earlier for the
 * same role in the same poll with a different value (a vote that only edits the note is not a change).
 */
export function changedVotes(history: readonly Vote[]): Vote[] {
  const last = new Map<string, Vote>();
  const changed: Vote[] = [];
  for (const vote of history) {
    const key = `${vote.role}\u0000${vote.voterId}`;
    const before = last.get(key);
    if (before && before.value !== vote.value) changed.push(vote);
    last.set(key, vote);
  }
  return changed;
}

/**
 * Votes for the metrics, over the release's go/no-go and rollback polls: cast = every vote recorded (a repeated
 * identical vote is not recorded; a changed vote or note is), changed = the recorded votes that changed the value
 * (`changedVotes`). A release without a vote gives no data.
 */
export const votesMetricsSource = async (deps: PollsDeps, release: Release): Promise<Partial<MetricsFacts>> => {
  let cast = 0;
  let changed = 0;
  for (const poll of await deps.store.polls.listForRelease(release.id)) {
    const history = await deps.store.polls.votes(poll.id);
    cast += history.length;
    changed += changedVotes(history).length;
  }
  return cast === 0 ? {} : { votes: { cast, changed } };
};

function decisionLine(poll: Poll): string {
  const wording = POLL_WORDING[poll.activity];
  if (poll.status !== 'decided' || !poll.decision) return '  - Decision: none yet (the poll is open)';
  const why = poll.rationale ? ` — ${markdownText(poll.rationale)}` : '';
  const by = poll.decidedBy ? ` by <@${poll.decidedBy}>` : '';
  const at = poll.decidedAt ? ` ${formatUtc(poll.decidedAt)}` : '';
  return `  - Decision: **${wording.sides[poll.decision]}**${by}${at}${why}`;
}

/** Every poll of the release for the exported record: activity, every vote (time, role, voter, value, note), decision. */
export const votesRecordSection = async (deps: PollsDeps, release: Release): Promise<RecordSection[]> => {
  const lines: string[] = [];
  for (const poll of await deps.store.polls.listForRelease(release.id)) {
    const wording = POLL_WORDING[poll.activity];
    const history = await deps.store.polls.votes(poll.id);
    const changed = new Set(changedVotes(history));
    const votes = history.map((v) => {
      const note = v.note ? ` — ${markdownText(v.note)}` : '';
      const flag = changed.has(v) ? ' (changed)' : '';
      return `  - ${formatUtc(v.at)} · ${ROLE_LABELS[v.role]} <@${v.voterId}>${v.onBehalfOf ? ` for <@${v.onBehalfOf}>` : ''}: ${wording.votes[v.value]}${flag}${note}`;
    });
    lines.push(
      `- **${wording.title}** poll #${poll.id}, opened ${formatUtc(poll.openedAt)} by <@${poll.openedBy}>`,
      ...(votes.length > 0 ? votes : ['  - No votes were cast.']),
      decisionLine(poll),
    );
  }
  return [{ title: 'Votes', lines }];
};
