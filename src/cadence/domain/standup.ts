import type { CalendarDate } from '../../core/domain/calendar.ts';
import { ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';

/**
 * The daily standup's questions per role, from the source document's "Communication Responsibilities → Daily During
 * Release Window", and the pure decisions about answers: who is missing, what the summary calls out.
 */

/** `count` is a whole number, `decimal` one with up to two decimals; both are Slack `number_input`s. */
export type QuestionKind = 'choice' | 'text' | 'count' | 'decimal';
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

/**
 * Only each role's main question is required (the RM's status, QA's test counts, DevOps' readiness, the PO's feature
 * status); the Tech Lead's is the blockers, and an empty answer there means "no blockers", so nothing is required.
 */
export const STANDUP_QUESTIONS: Record<Role, readonly Question[]> = {
  rm: [
    { key: 'status', label: 'Overall status', kind: 'choice', choices: OVERALL_STATUSES },
    { key: 'notes', label: 'Status notes', kind: 'text', optional: true },
  ],
  tech_lead: [
    {
      key: 'blockers',
      label: 'Technical blockers',
      kind: 'text',
      optional: true,
      placeholder: 'What blocks whom; leave empty when nothing does',
    },
    { key: 'risks', label: 'Technical risks', kind: 'text', optional: true },
  ],
  qa_lead: [
    { key: 'passed', label: 'Tests passed', kind: 'count' },
    { key: 'failed', label: 'Tests failed', kind: 'count' },
    { key: 'coverage', label: 'Test coverage (%)', kind: 'decimal', optional: true },
    {
      key: 'bugs',
      label: 'Open bugs by severity',
      kind: 'text',
      optional: true,
      placeholder: 'e.g. S1: 0, S2: 3, S3: 7',
    },
    { key: 'metrics', label: 'Quality metrics', kind: 'text', optional: true, placeholder: 'flakiness, escaped bugs…' },
  ],
  devops: [
    { key: 'readiness', label: 'Deployment readiness', kind: 'choice', choices: READINESS },
    { key: 'why', label: 'Why not ready', kind: 'text', optional: true, placeholder: 'Required when not ready' },
    { key: 'infra', label: 'Infrastructure status', kind: 'text', optional: true },
  ],
  product_owner: [{ key: 'features', label: 'Feature status', kind: 'text' }],
};

/** The largest count a standup takes (Slack's `number_input` is given the same bound). */
export const MAX_COUNT = 9_999_999;

/**
 * A count or decimal as people type it: "1204", "1,204" or "1 204" (thousands separators are dropped); decimals
 * with a point. Undefined when it is not a number of that kind in 0..MAX_COUNT.
 */
export function parseStandupNumber(raw: string, kind: 'count' | 'decimal'): string | undefined {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  const grouped = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) ? compact.replaceAll(',', '') : compact;
  const pattern = kind === 'count' ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  if (!pattern.test(grouped)) return undefined;
  const value = Number(grouped);
  if (!Number.isFinite(value) || value > MAX_COUNT) return undefined;
  return String(value);
}

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

/** With DM delivery: one person's prompt, due at the standup time in their own zone. */
export type StandupDm = {
  standupId: number;
  userId: string;
  dueAt: Date;
  timeZone: string;
  channelId: string | null;
  messageTs: string | null;
  remindedAt: Date | null;
};

export type StandupAnswer = {
  id: number;
  standupId: number;
  /** Whose answer it is: the role holder. */
  userId: string;
  answers: RoleAnswers;
  /** The delegate who answered for the away holder (`userId`), or null when the holder answered. */
  answeredBy: string | null;
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
    if (q.kind === 'count' || q.kind === 'decimal') {
      const number = parseStandupNumber(value, q.kind);
      if (number === undefined) {
        problems.push({
          role,
          key: q.key,
          message:
            q.kind === 'count'
              ? `${q.label} must be a whole number, e.g. 1204.`
              : `${q.label} must be a number with up to two decimals, e.g. 87.5.`,
        });
        continue;
      }
      values[q.key] = number;
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

/**
 * Role holders who owe an answer: every role they hold without an answer for it. The people in `away` are excused
 * (`/release away`): they owe nothing.
 */
export function missingAnswers(
  assignments: readonly RoleAssignment[],
  answers: readonly StandupAnswer[],
  away: ReadonlySet<string> = new Set(),
): Array<{ userId: string; roles: Role[] }> {
  const owed = new Map<string, Role[]>();
  for (const role of ROLES) {
    for (const a of assignments.filter((x) => x.role === role)) {
      const answer = answers.find((x) => x.userId === a.userId);
      if (answer?.answers[role] || away.has(a.userId)) continue;
      owed.set(a.userId, [...(owed.get(a.userId) ?? []), role]);
    }
  }
  return [...owed].map(([userId, roles]) => ({ userId, roles }));
}

const NOTHING = /^(none|no|nothing|nope|n\/a|na|-+|no blockers?|nothing blocking)?\.?$/i;

/** "None", "n/a", "-" and the empty answer are not blockers. */
export function isBlocker(text: string | undefined): text is string {
  return text !== undefined && !NOTHING.test(text.trim());
}

export const CALL_OUT_KINDS = ['blocker', 'not_ready', 'off_track'] as const;
export type CallOut = { answerId: number; userId: string; kind: (typeof CALL_OUT_KINDS)[number]; text: string };

export type StandupSummary = {
  slot: CalendarDate;
  overall: string | undefined;
  answered: Array<{ userId: string; roles: Role[] }>;
  missing: Array<{ userId: string; roles: Role[] }>;
  /** Roles a delegate answered for their away holder: shown "by @delegate for @holder". */
  delegated: Array<{ role: Role; holderId: string; delegateId: string }>;
  /** Holders away that day who did not answer: shown as away, not as "no answer". */
  away: Array<{ userId: string; roles: Role[] }>;
  callOuts: CallOut[];
  tests: { passed: number; failed: number } | undefined;
  readiness: string | undefined;
};

/** The cut-off summary: status at a glance, blockers and "not ready" called out, who did not answer. */
export function summarizeStandup(
  slot: CalendarDate,
  assignments: readonly RoleAssignment[],
  answers: readonly StandupAnswer[],
  awayIds: ReadonlySet<string> = new Set(),
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
    if (isBlocker(tech?.blockers))
      callOuts.push({ answerId: answer.id, userId: answer.userId, kind: 'blocker', text: tech?.blockers ?? '' });
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
  const delegated = answers.flatMap((a) =>
    a.answeredBy
      ? ROLES.filter((r) => a.answers[r]).map((role) => ({ role, holderId: a.userId, delegateId: a.answeredBy! }))
      : [],
  );
  const missing = missingAnswers(assignments, answers);
  return {
    slot,
    overall,
    answered,
    delegated,
    missing: missing.filter((m) => !awayIds.has(m.userId)),
    away: missing.filter((m) => awayIds.has(m.userId)),
    callOuts,
    tests,
    readiness,
  };
}

/**
 * A greeting for the reader's local time at `at`, or none: "Good morning" from 05:00 to 11:59, "Good afternoon" to
 * 17:59, "Good evening" to 21:59, nothing at night (a prompt that reaches someone at 04:00 should not pretend).
 */
export function greetingFor(at: Date, timeZone: string): string | undefined {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  if (hour >= 18 && hour < 22) return 'Good evening';
  return undefined;
}
