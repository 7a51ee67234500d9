import type { Failure } from '../../core/deps.ts';
import { fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { ROLE_LABELS, type Role } from '../../core/domain/roles.ts';
import type { EscalationCategory } from '../../escalation/domain/levels.ts';
import { MAX_SUMMARY } from '../../escalation/index.ts';
import type { CadenceDeps } from '../deps.ts';
import { type CallOut, summarizeStandup } from '../domain/standup.ts';

/** Which role's answer a call-out comes from, and the category an escalation of it gets by default. */
const CALL_OUT_ESCALATION: Record<CallOut['kind'], { role: Role; what: string; category: EscalationCategory }> = {
  blocker: { role: 'tech_lead', what: 'Blocker', category: 'blocker' },
  not_ready: { role: 'devops', what: 'Deployment not ready', category: 'blocker' },
  off_track: { role: 'rm', what: 'Release off track', category: 'delay' },
};

export type StandupEscalationDraft = {
  release: Release;
  /** Plain text the person can edit before raising; escaped when the escalation is rendered. */
  summary: string;
  category: EscalationCategory;
};

/**
 * The escalation a standup summary's Escalate button proposes: a summary built from the called-out answer (what,
 * whose role, who, the standup day, the text they typed) and a default category (blocker and "not ready" → blocker,
 * level 2; off track → significant delay, level 2). `kind` picks one call-out when the answer has several.
 */
export async function draftStandupEscalation(
  deps: CadenceDeps,
  input: { answerId: number; kind?: CallOut['kind'] | undefined },
): Promise<{ ok: true; draft: StandupEscalationDraft } | Failure> {
  const answer = await deps.store.standups.findAnswer(input.answerId);
  const standup = answer && (await deps.store.standups.findById(answer.standupId));
  const release = standup && (await deps.store.releases.findById(standup.releaseId));
  if (!answer || !standup || !release) return fail('That standup answer no longer exists.');
  if (!isActive(release)) {
    return fail(`${releaseLabel(release)} has ended; there is nothing left to escalate on it.`);
  }
  const summary = summarizeStandup(standup.slot, await deps.store.releases.assignments(release.id), [answer]);
  const callOut = summary.callOuts.find((c) => input.kind === undefined || c.kind === input.kind);
  if (!callOut) {
    return fail(
      `That answer no longer reports a blocker: it was changed after the summary. Raise it with \`/release escalate\` if it still matters.`,
    );
  }
  const rule = CALL_OUT_ESCALATION[callOut.kind];
  const person = await deps.users.lookup(answer.userId).catch(() => undefined);
  const who = person?.name ? `${person.name} (${ROLE_LABELS[rule.role]})` : ROLE_LABELS[rule.role];
  const details = callOut.text.trim() || 'no details given';
  const text = `${rule.what} from the ${standup.slot} standup, reported by ${who}: ${details}`;
  return {
    ok: true,
    draft: {
      release,
      summary: text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text,
      category: rule.category,
    },
  };
}
