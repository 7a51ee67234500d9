import type { Release } from '../../core/domain/release.ts';
import { holdersOf } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { CadenceDeps } from '../deps.ts';
import { byScore } from '../domain/risk.ts';
import { buildRiskReviewState, type RiskReviewState } from '../domain/risk-review.ts';

/** Brings a weekly review message up to date after its render was owed (a holder died, a render failed). */
export const RISK_REVIEW_RENDER_TIMER = 'risk.review.render';
const REPORT_TIMER = 'risk.report';

/** Who is asked to review: the leads as the roles are now, then anyone else owning a risk. */
function leadsOf(assignments: Awaited<ReturnType<CadenceDeps['store']['releases']['assignments']>>) {
  return [
    ...new Set([
      ...holdersOf(assignments, 'tech_lead'),
      ...holdersOf(assignments, 'qa_lead'),
      ...holdersOf(assignments, 'devops'),
    ]),
  ];
}

/**
 * The weekly review of `slot` as the database has it now: read afresh for every render of its message, so the
 * message never shows what a click (in any process) has already changed.
 */
export async function loadRiskReview(
  deps: CadenceDeps,
  releaseId: number,
  slot: string,
): Promise<{ release: Release; state: RiskReviewState } | undefined> {
  const release = await deps.store.releases.findById(releaseId);
  if (!release) return undefined;
  const occurrence = await deps.store.cadence.find(releaseId, 'risk_weekly', slot);
  const startedAt = occurrence?.dueAt ?? release.createdAt;
  const config = await deps.store.cadence.config(releaseId);
  const report = (await deps.store.timers.pending(releaseId)).find(
    (t) => t.key === `${REPORT_TIMER}:${releaseId}:${slot}`,
  );
  const assignments = await deps.store.releases.assignments(releaseId);
  const risks = (await deps.store.risks.list(releaseId, { includeClosed: true })).sort(byScore);
  const state = buildRiskReviewState({
    slot,
    startedAt,
    reportAt: report?.dueAt ?? new Date(startedAt.getTime() + config.riskCollectMs),
    risks,
    history: await deps.store.risks.history(releaseId),
    leads: leadsOf(assignments),
    notesFrom: { progress: holdersOf(assignments, 'rm'), features: holdersOf(assignments, 'product_owner') },
    notes: await deps.store.risks.notes(releaseId, slot),
  });
  return { release, state };
}

/**
 * The release's reviews still collecting (their report is not out): a change to a risk or a weekly note re-renders
 * each one's message. Never fails the change that asked for it: a render that cannot be made now is owed and made
 * later by the refresher.
 */
export async function riskReviewChanged(deps: CadenceDeps, releaseId: number): Promise<void> {
  try {
    const pending = await deps.store.timers.pending(releaseId);
    const slots = pending
      .filter((t) => t.kind === REPORT_TIMER)
      .map((t) => (t.payload as { slot?: unknown } | null)?.slot)
      .filter((s): s is string => typeof s === 'string');
    for (const slot of new Set(slots)) await deps.riskReporter.refreshReview(releaseId, slot);
  } catch (error) {
    deps.logger.warn(`could not refresh the weekly risk review of release ${releaseId}`, error);
  }
}

export async function scheduleRiskReviewRender(
  deps: Pick<CadenceDeps, 'store'>,
  key: { releaseId: number; slot: string },
  at: Date,
): Promise<void> {
  await deps.store.timers.schedule({
    kind: RISK_REVIEW_RENDER_TIMER,
    key: `${RISK_REVIEW_RENDER_TIMER}:${key.releaseId}:${key.slot}`,
    releaseId: key.releaseId,
    dueAt: at,
    payload: key,
  });
}

export async function riskReviewRenderTimer(deps: CadenceDeps, timer: Timer): Promise<void> {
  const payload = timer.payload as { releaseId?: unknown; slot?: unknown } | null;
  if (typeof payload?.releaseId === 'number' && typeof payload.slot === 'string')
    await deps.riskReporter.refreshReview(payload.releaseId, payload.slot);
}
