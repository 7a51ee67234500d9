import type { CalendarDate } from '../../core/domain/calendar.ts';
import { ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';

/**
 * The daily standup's questions per role, from the source document's "Communication Responsibilities → Daily During
 * Release Window", and the pure decisions about answers: who is missing, what the summary calls out.
 */

export type QuestionKind = 'choice' | 'text' | 'count';
export type Question = {
  key: string;
  label: string;
  kind: QuestionKind;
  optional?: boolean;
  choices?: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
};

export const OVERALL_STATUSES = [
  { value: 'on_track', label: 'On track' },
  { value: 'at_risk', label: 'At risk' },
  { value: 'off_track', label: 'Off track' },
] as const;

export const READINESS = [
  { value: 'ready', label: 'Ready' },
  { value: 'not_ready', label: 'Not ready' },
] as const;

export const STANDUP_QUESTIONS: Record<Role, readonly Question[]> = {
  rm: [
    { key: 'status', label: 'Overall status', kind: 'choice', choices: OVERALL_STATUSES },
    { key: 'notes', label: 'Status notes', kind: 'text', optional: true },
  ],
  tech_lead: [
    { key: 'blockers', label: 'Technical blockers', kind: 'text', placeholder: 'none, or what blocks whom' },
    { key: 'risks', label: 'Technical risks', kind: 'text', optional: true },
  ],
  qa_lead: [
    { key: 'passed', label: 'Tests passed', kind: 'count' },
    { key: 'failed', label: 'Tests failed', kind: 'count' },
    { key: 'bugs', label: 'Open bugs by severity', kind: 'text', placeholder: 'e.g. S1: 0, S2: 3, S3: 7' },
    { key: 'metrics', label: 'Quality metrics', kind: 'text', optional: true, placeholder: 'coverage, flakiness…' },
  ],
  devops: [
    { key: 'infra', label: 'Infrastructure status', kind: 'text' },
    { key: 'readiness', label: 'Deployment readiness', kind: 'choice', choices: READINESS },
    { key: 'why', label: 'Why (required when not ready)', kind: 'text', optional: true },
  ],
  product_owner: [{ key: 'features', label: 'Feature status', kind: 'text' }],
};

/** Answers per role: `{ tech_lead: { blockers: '…' } }`. */
export type RoleAnswers = Partial<Record<Role, Record<string, string>>>;

export type Standup = {
  id: number;
  releaseId: number;
  slot: CalendarDate;
  channelId: string;
  messageTs: string | null;
  promptedAt: Date;
  remindedAt: Date | null;
  summaryTs: string | null;
  summarizedAt: Date | null;
};

export type StandupAnswer = {
  id: number;
  standupId: number;
  userId: string;
  answers: RoleAnswers;
  replyTs: string | null;
  answeredAt: Date;
  updatedAt: Date;
};

export const MAX_ANSWER_TEXT = 1000;

export type AnswerProblem = { role: Role; key: string; message: string };

/** Checks one role's answers; returns the cleaned values or the problems, per field. */
export function validateRoleAnswers(
  role: Role,
  raw: Record<string, string | undefined>,
): { ok: true; values: Record<string, string> } | { ok: false; problems: AnswerProblem[] } {
  const values: Record<string, string> = {};
  const problems: AnswerProblem[] = [];
  for (const q of STANDUP_QUESTIONS[role]) {
    const value = raw[q.key]?.trim() ?? '';
    if (value === '') {
      if (!q.optional) problems.push({ role, key: q.key, message: `${q.label} is required.` });
      continue;
    }
    if (q.kind === 'count' && !/^\d{1,7}$/.test(value)) {
      problems.push({ role, key: q.key, message: `${q.label} must be a whole number, e.g. 42.` });
      continue;
    }
    if (q.kind === 'choice' && !q.choices?.some((c) => c.value === value)) {
      problems.push({ role, key: q.key, message: `Pick one of the choices for ${q.label}.` });
      continue;
    }
    if (value.length > MAX_ANSWER_TEXT) {
      problems.push({ role, key: q.key, message: `${q.label} is at most ${MAX_ANSWER_TEXT} characters.` });
      continue;
    }
    values[q.key] = value;
  }
  if (role === 'devops' && values.readiness === 'not_ready' && !values.why) {
    problems.push({ role, key: 'why', message: 'Say why the deployment is not ready.' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** Role holders who owe an answer: every role they hold without an answer for it. */
export function missingAnswers(
  assignments: readonly RoleAssignment[],
  answers: readonly StandupAnswer[],
): Array<{ userId: string; roles: Role[] }> {
  const owed = new Map<string, Role[]>();
  for (const role of ROLES) {
    for (const a of assignments.filter((x) => x.role === role)) {
      const answer = answers.find((x) => x.userId === a.userId);
      if (answer?.answers[role]) continue;
      owed.set(a.userId, [...(owed.get(a.userId) ?? []), role]);
    }
  }
  return [...owed].map(([userId, roles]) => ({ userId, roles }));
}

const NOTHING = /^(none|no|nothing|n\/a|na|-|no blockers?)\.?$/i;

export const CALL_OUT_KINDS = ['blocker', 'not_ready', 'off_track'] as const;
export type CallOut = { answerId: number; userId: string; kind: (typeof CALL_OUT_KINDS)[number]; text: string };

export type StandupSummary = {
  slot: CalendarDate;
  overall: string | undefined;
  answered: Array<{ userId: string; roles: Role[] }>;
  missing: Array<{ userId: string; roles: Role[] }>;
  callOuts: CallOut[];
  tests: { passed: number; failed: number } | undefined;
  readiness: string | undefined;
};

/** The cut-off summary: status at a glance, blockers and "not ready" called out, who did not answer. */
export function summarizeStandup(
  slot: CalendarDate,
  assignments: readonly RoleAssignment[],
  answers: readonly StandupAnswer[],
): StandupSummary {
  const callOuts: CallOut[] = [];
  let overall: string | undefined;
  let tests: StandupSummary['tests'];
  let readiness: string | undefined;
  for (const answer of answers) {
    const { rm, tech_lead: tech, qa_lead: qa, devops } = answer.answers;
    if (rm?.status) {
      overall = OVERALL_STATUSES.find((s) => s.value === rm.status)?.label ?? rm.status;
      if (rm.status === 'off_track')
        callOuts.push({ answerId: answer.id, userId: answer.userId, kind: 'off_track', text: rm.notes ?? '' });
    }
    if (tech?.blockers && !NOTHING.test(tech.blockers.trim()))
      callOuts.push({ answerId: answer.id, userId: answer.userId, kind: 'blocker', text: tech.blockers });
    if (qa?.passed !== undefined && qa.failed !== undefined)
      tests = { passed: Number(qa.passed), failed: Number(qa.failed) };
    if (devops?.readiness) {
      readiness = READINESS.find((r) => r.value === devops.readiness)?.label ?? devops.readiness;
      if (devops.readiness === 'not_ready')
        callOuts.push({ answerId: answer.id, userId: answer.userId, kind: 'not_ready', text: devops.why ?? '' });
    }
  }
  const answered = answers
    .map((a) => ({ userId: a.userId, roles: ROLES.filter((r) => a.answers[r]) }))
    .filter((a) => a.roles.length > 0);
  return { slot, overall, answered, missing: missingAnswers(assignments, answers), callOuts, tests, readiness };
}
