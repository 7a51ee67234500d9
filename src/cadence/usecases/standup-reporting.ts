import { formatUtc, markdownText } from '../../core/domain/markdown.ts';
import type { Release } from '../../core/domain/release.ts';
import type { MetricsFacts, RecordSection } from '../../core/domain/reports.ts';
import { ROLE_LABELS, type RoleAssignment } from '../../core/domain/roles.ts';
import { awayOn } from '../../releases/index.ts';
import type { CadenceDeps } from '../deps.ts';
import { type CallOut, type Standup, type StandupAnswer, summarizeStandup } from '../domain/standup.ts';

/**
 * The role holders a standup asked: roles assigned when its prompt was posted. Role assignments are current state
 * (an unassigned role leaves no row), so someone who held a role then and no longer does is counted only if they
 * answered; see `standupMetricsSource`.
 */
function askedAssignments(assignments: readonly RoleAssignment[], standup: Standup): RoleAssignment[] {
  return assignments.filter((a) => a.assignedAt.getTime() <= standup.promptedAt.getTime());
}

/** Answers that count for the standup: given at or before its summary (all of them when no summary was posted). */
function countedAnswers(standup: Standup, answers: readonly StandupAnswer[]): StandupAnswer[] {
  const cutoff = standup.summarizedAt;
  return answers.filter((a) => cutoff === null || a.answeredAt.getTime() <= cutoff.getTime());
}

/**
 * Standup response for the metrics. Per standup whose prompt was posted: prompted = the people asked (everyone
 * holding a role of the release when the prompt was posted, plus anyone who answered), each person once however many
 * roles they hold; answered = those of them who answered at or before the summary. Summed over the release's
 * standups. A release with no posted standup gives no data (not 0 of 0).
 */
export const standupMetricsSource = async (deps: CadenceDeps, release: Release): Promise<Partial<MetricsFacts>> => {
  const posted = (await deps.store.standups.listForRelease(release.id)).filter((s) => s.messageTs !== null);
  if (posted.length === 0) return {};
  const assignments = await deps.store.releases.assignments(release.id);
  const absences = await deps.store.releases.absences(release.id);
  let prompted = 0;
  let answered = 0;
  for (const standup of posted) {
    const answers = countedAnswers(standup, await deps.store.standups.answers(standup.id));
    const away = awayOn(absences, standup.slot);
    // Someone away that day is excused: not counted as asked unless they answered all the same.
    const asked = new Set(
      askedAssignments(assignments, standup)
        .map((a) => a.userId)
        .filter((id) => !away.some((a) => a.userId === id)),
    );
    const responders = new Set(answers.map((a) => a.userId));
    for (const userId of responders) asked.add(userId);
    prompted += asked.size;
    answered += responders.size;
  }
  return { standups: { prompted, answered } };
};

const CALL_OUT_WORDS: Record<CallOut['kind'], string> = {
  blocker: 'Blocker',
  not_ready: 'Not ready for deployment',
  off_track: 'Off track',
};

const user = (id: string) => `<@${id}>`;
const people = (list: Array<{ userId: string; roles: readonly string[] }>) =>
  list.map((p) => `${user(p.userId)} (${p.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS]).join(', ')})`);

/**
 * Standup summaries for the exported record, one entry per posted standup day: who answered, the status at a glance,
 * blockers and "not ready" (typed text escaped), who did not answer.
 */
export const standupRecordSection = async (deps: CadenceDeps, release: Release): Promise<RecordSection[]> => {
  const assignments = await deps.store.releases.assignments(release.id);
  const posted = (await deps.store.standups.listForRelease(release.id)).filter((s) => s.messageTs !== null);
  const lines: string[] = [];
  for (const standup of posted) {
    const answers = countedAnswers(standup, await deps.store.standups.answers(standup.id));
    const summary = summarizeStandup(standup.slot, askedAssignments(assignments, standup), answers);
    const when = standup.summarizedAt ? `summary ${formatUtc(standup.summarizedAt)}` : 'no summary was posted';
    const status = [
      `overall ${summary.overall ?? 'not given'}`,
      `deployment ${summary.readiness ?? 'not given'}`,
      `tests ${summary.tests ? `${summary.tests.passed} passed, ${summary.tests.failed} failed` : 'not given'}`,
    ].join('; ');
    const out = [
      `- **${standup.slot}** (prompted ${formatUtc(standup.promptedAt)}, ${when})`,
      `  - Answered: ${summary.answered.length > 0 ? people(summary.answered).join(', ') : 'nobody'}`,
      `  - Status: ${status}`,
    ];
    for (const d of summary.delegated) {
      out.push(`  - ${ROLE_LABELS[d.role]} answered by ${user(d.delegateId)} for ${user(d.holderId)}, who was away`);
    }
    for (const c of summary.callOuts) {
      out.push(`  - ${CALL_OUT_WORDS[c.kind]} (${user(c.userId)}): ${markdownText(c.text) || 'no details'}`);
    }
    out.push(
      `  - Did not answer: ${summary.missing.length > 0 ? people(summary.missing).join(', ') : 'everyone answered'}`,
    );
    lines.push(...out);
  }
  return [{ title: 'Standup summaries', lines }];
};
