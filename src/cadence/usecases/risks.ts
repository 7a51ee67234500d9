import { readinessChanged } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import { calendarDateIn, parseCalendarDate } from '../../core/domain/calendar.ts';
import { code, escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { isReleaseManager, rolesOf } from '../../core/domain/roles.ts';
import type { CadenceDeps } from '../deps.ts';
import {
  byScore,
  isOverdue,
  MAX_MITIGATION,
  MAX_RISK_TITLE,
  parseLevel,
  type Risk,
  type RiskChangeKind,
} from '../domain/risk.ts';
import { riskReviewChanged } from './risk-review.ts';

export type RiskDraft = {
  title?: string | undefined;
  severity?: string | undefined;
  likelihood?: string | undefined;
  ownerId?: string | null | undefined;
  mitigation?: string | null | undefined;
  due?: string | null | undefined;
};

export type RiskField = 'title' | 'severity' | 'likelihood' | 'owner' | 'mitigation' | 'due';
export type RiskProblem = { field: RiskField; message: string };
export type RiskResult = { ok: true; risk: Risk } | (Failure & { problems: RiskProblem[] });

type CleanDraft = Partial<Pick<Risk, 'title' | 'severity' | 'likelihood' | 'ownerId' | 'mitigation' | 'dueDate'>>;

/** Checks the fields given; `required` lists those that must be present (all of title, severity, likelihood on add). */
function checkDraft(draft: RiskDraft, required: boolean): { value: CleanDraft; problems: RiskProblem[] } {
  const problems: RiskProblem[] = [];
  const value: CleanDraft = {};
  if (draft.title !== undefined || required) {
    const title = (draft.title ?? '').trim().replace(/\s+/g, ' ');
    if (title === '') problems.push({ field: 'title', message: 'Give the risk a title.' });
    else if (title.length > MAX_RISK_TITLE)
      problems.push({ field: 'title', message: `A risk title is at most ${MAX_RISK_TITLE} characters.` });
    else value.title = title;
  }
  for (const field of ['severity', 'likelihood'] as const) {
    if (draft[field] === undefined && !required) continue;
    const level = parseLevel(draft[field]);
    if (level === undefined) {
      const typed = draft[field];
      problems.push({
        field,
        message: typed
          ? `${field[0]?.toUpperCase()}${field.slice(1)} ${code(typed)} is not 1 to 5: write \`${field}:4\`.`
          : `Give the ${field} from 1 (low) to 5 (high), e.g. \`${field}:3\`.`,
      });
    } else value[field] = level;
  }
  if (draft.ownerId !== undefined) value.ownerId = draft.ownerId;
  if (draft.mitigation !== undefined) {
    const mitigation = draft.mitigation?.trim() || null;
    if (mitigation && mitigation.length > MAX_MITIGATION)
      problems.push({ field: 'mitigation', message: `A mitigation is at most ${MAX_MITIGATION} characters.` });
    else value.mitigation = mitigation;
  }
  if (draft.due !== undefined) {
    if (draft.due === null || draft.due.trim() === '') value.dueDate = null;
    else {
      const due = parseCalendarDate(draft.due);
      if (!due) problems.push({ field: 'due', message: `${code(draft.due)} is not a date: write \`due:2026-12-05\`.` });
      else value.dueDate = due;
    }
  }
  return { value, problems };
}

async function mayEditRegister(deps: CadenceDeps, release: Release, actorId: string): Promise<Failure | undefined> {
  if (!isActive(release)) return fail(`${releaseLabel(release)} has ended; its risk register is closed.`);
  if (rolesOf(await deps.store.releases.assignments(release.id), actorId).length === 0)
    return fail(`Only the role holders of ${releaseLabel(release)} keep its risk register.`);
  return undefined;
}

function withProblems(failure: Failure, problems: RiskProblem[] = []): Failure & { problems: RiskProblem[] } {
  return { ...failure, problems };
}

export async function addRisk(
  deps: CadenceDeps,
  input: { release: Release; actorId: string; draft: RiskDraft },
): Promise<RiskResult> {
  const now = deps.clock.now();
  // Who may add is checked in the transaction that adds.
  const result = await deps.store.transaction(async (): Promise<RiskResult> => {
    const denied = await mayEditRegister(deps, input.release, input.actorId);
    if (denied) return withProblems(denied);
    const { value, problems } = checkDraft(input.draft, true);
    if (problems.length > 0) return withProblems(fail(problems.map((p) => p.message).join(' ')), problems);
    const risk = await deps.store.risks.add({
      releaseId: input.release.id,
      title: value.title ?? '',
      severity: value.severity ?? 1,
      likelihood: value.likelihood ?? 1,
      ownerId: value.ownerId ?? null,
      mitigation: value.mitigation ?? null,
      dueDate: value.dueDate ?? null,
      createdBy: input.actorId,
      createdAt: now,
    });
    await deps.store.risks.recordChange({
      riskId: risk.id,
      actorId: input.actorId,
      change: 'created',
      before: null,
      after: value,
      note: null,
      at: now,
    });
    return { ok: true as const, risk };
  });
  // An open poll's readiness and a Go's freshness (src/gate) depend on the register.
  if (result.ok) await registerChanged(deps, input.release.id);
  return result;
}

/** An open poll's readiness and a Go's freshness (src/gate) depend on the register, and so does this week's review. */
async function registerChanged(deps: CadenceDeps, releaseId: number): Promise<void> {
  await readinessChanged(deps, releaseId);
  await riskReviewChanged(deps, releaseId);
}

async function findRisk(deps: CadenceDeps, release: Release, riskId: number): Promise<Risk | Failure> {
  const risk = await deps.store.risks.findById(riskId);
  if (!risk || risk.releaseId !== release.id)
    return fail(`${releaseLabel(release)} has no risk #${riskId}. \`/release risk list\` shows the register.`);
  return risk;
}

async function mayChangeRisk(
  deps: CadenceDeps,
  release: Release,
  risk: Risk,
  actorId: string,
): Promise<Failure | undefined> {
  const denied = await mayEditRegister(deps, release, actorId);
  if (denied) return denied;
  const rm = isReleaseManager(await deps.store.releases.assignments(release.id), actorId);
  if (rm || risk.ownerId === actorId || risk.createdBy === actorId || risk.ownerId === null) return undefined;
  return fail(`Risk #${risk.id} belongs to <@${risk.ownerId}>; only its owner or the Release Manager can change it.`);
}

/** Changes a risk's fields (the update modal and the weekly review), recording before and after. */
export async function updateRisk(
  deps: CadenceDeps,
  input: { release: Release; riskId: number; actorId: string; draft: RiskDraft },
): Promise<RiskResult> {
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (): Promise<RiskResult> => {
    const risk = await findRisk(deps, input.release, input.riskId);
    if ('ok' in risk) return withProblems(risk);
    if (risk.status === 'closed') return withProblems(fail(`Risk #${risk.id} is closed.`));
    const denied = await mayChangeRisk(deps, input.release, risk, input.actorId);
    if (denied) return withProblems(denied);
    const { value, problems } = checkDraft(input.draft, false);
    if (problems.length > 0) return withProblems(fail(problems.map((p) => p.message).join(' ')), problems);
    const before: CleanDraft = {};
    for (const key of Object.keys(value) as Array<keyof CleanDraft>)
      (before as Record<string, unknown>)[key] = risk[key];
    const updated = await deps.store.risks.update(risk.id, { ...value, updatedAt: now, reviewedAt: now });
    await deps.store.risks.recordChange({
      riskId: risk.id,
      actorId: input.actorId,
      change: 'updated',
      before,
      after: value,
      note: null,
      at: now,
    });
    return { ok: true, risk: updated };
  });
  if (result.ok) await registerChanged(deps, input.release.id);
  return result;
}

/** The weekly review's buttons: still valid (reviewed, unchanged) or mitigated. */
export async function reviewRisk(
  deps: CadenceDeps,
  input: { release: Release; riskId: number; actorId: string; verdict: 'valid' | 'mitigated' },
): Promise<RiskResult> {
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (): Promise<RiskResult> => {
    const risk = await findRisk(deps, input.release, input.riskId);
    if ('ok' in risk) return withProblems(risk);
    if (risk.status === 'closed') return withProblems(fail(`Risk #${risk.id} is closed.`));
    const denied = await mayChangeRisk(deps, input.release, risk, input.actorId);
    if (denied) return withProblems(denied);
    const change: RiskChangeKind = input.verdict === 'mitigated' ? 'mitigated' : 'reviewed';
    const status = input.verdict === 'mitigated' ? 'mitigated' : risk.status;
    const updated = await deps.store.risks.update(risk.id, { status, reviewedAt: now, updatedAt: now });
    await deps.store.risks.recordChange({
      riskId: risk.id,
      actorId: input.actorId,
      change,
      before: { status: risk.status },
      after: { status },
      note: null,
      at: now,
    });
    return { ok: true, risk: updated };
  });
  if (result.ok) await riskReviewChanged(deps, input.release.id);
  return result;
}

export async function closeRisk(
  deps: CadenceDeps,
  input: { release: Release; riskId: number; actorId: string; note: string | undefined },
): Promise<RiskResult> {
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (): Promise<RiskResult> => {
    const risk = await findRisk(deps, input.release, input.riskId);
    if ('ok' in risk) return withProblems(risk);
    if (risk.status === 'closed') return withProblems(fail(`Risk #${risk.id} is already closed.`));
    const denied = await mayChangeRisk(deps, input.release, risk, input.actorId);
    if (denied) return withProblems(denied);
    const note = input.note?.trim().slice(0, MAX_MITIGATION) || null;
    const updated = await deps.store.risks.update(risk.id, { status: 'closed', closedAt: now, updatedAt: now });
    await deps.store.risks.recordChange({
      riskId: risk.id,
      actorId: input.actorId,
      change: 'closed',
      before: { status: risk.status },
      after: { status: 'closed' },
      note,
      at: now,
    });
    return { ok: true, risk: updated };
  });
  if (result.ok) await riskReviewChanged(deps, input.release.id);
  return result;
}

export async function listRisks(deps: CadenceDeps, release: Release): Promise<{ risks: Risk[]; today: string }> {
  return {
    risks: (await deps.store.risks.list(release.id)).sort(byScore),
    today: calendarDateIn(deps.clock.now(), release.timeZone),
  };
}

export async function getRisk(
  deps: CadenceDeps,
  riskId: number,
): Promise<{ risk: Risk; release: Release } | undefined> {
  const risk = await deps.store.risks.findById(riskId);
  const release = risk && (await deps.store.releases.findById(risk.releaseId));
  return risk && release ? { risk, release } : undefined;
}

/** App Home: open risks the person owns that are past their mitigation date. */
export async function overdueRisksWaiting(deps: CadenceDeps, release: Release, userId: string): Promise<string[]> {
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  return (await deps.store.risks.list(release.id))
    .filter((r) => r.ownerId === userId && isOverdue(r, today))
    .map((r) => `Risk #${r.id} “${escapeMrkdwn(r.title)}” was due for mitigation on ${r.dueDate}: update or close it.`);
}
