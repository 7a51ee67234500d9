import { calendarDateIn } from '../../core/domain/calendar.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { CadenceDeps } from '../deps.ts';
import { buildRiskReport, byScore } from '../domain/risk.ts';

export const RISK_REPORT_TIMER = 'risk.report';

/**
 * More lines for the report from other capabilities (open escalations, …): each returns mrkdwn lines. The escalation
 * feature adds its provider here.
 */

/**
 * The weekly review: each lead is asked about the risks they own, the RM for a progress note, the PO for feature
 * status; the report follows after the collection time (a durable timer).
 */
export async function askForRiskReview(deps: CadenceDeps, release: Release, slot: string, at: Date): Promise<void> {
  const config = deps.store.cadence.config(release.id);
  const reportAt = new Date(at.getTime() + config.riskCollectMs);
  deps.store.timers.schedule({
    kind: RISK_REPORT_TIMER,
    key: `${RISK_REPORT_TIMER}:${release.id}:${slot}`,
    releaseId: release.id,
    dueAt: reportAt,
    payload: { releaseId: release.id, slot },
  });
  const assignments = deps.store.releases.assignments(release.id);
  const live = deps.store.risks.list(release.id).sort(byScore);
  const leads = [
    ...new Set([
      ...holdersOf(assignments, 'tech_lead'),
      ...holdersOf(assignments, 'qa_lead'),
      ...holdersOf(assignments, 'devops'),
      ...live.flatMap((r) => (r.ownerId ? [r.ownerId] : [])),
    ]),
  ];
  const reviews = leads
    .map((owner) => ({ owner, risks: live.filter((r) => r.ownerId === owner) }))
    .filter((r) => r.risks.length > 0);
  await deps.riskReporter.askForReview({
    release,
    slot,
    reviews,
    progressFrom: holdersOf(assignments, 'rm'),
    featuresFrom: holdersOf(assignments, 'product_owner'),
    reportAt,
  });
}

/** Builds and posts the risk report, then stores this week's snapshot for next week's trend. */
export async function postRiskReport(
  deps: CadenceDeps,
  release: Release,
  slot: string | null,
): Promise<{ ts: string }> {
  const now = deps.clock.now();
  const today = calendarDateIn(now, release.timeZone);
  const previous = deps.store.risks.latestSnapshot(release.id);
  const report = buildRiskReport({
    risks: deps.store.risks.list(release.id, { includeClosed: true }),
    history: deps.store.risks.history(release.id),
    previous,
    since: previous?.takenAt ?? release.createdAt,
    now,
    today,
    targetDate: release.targetDate,
  });
  const notes = slot ? deps.store.risks.notes(release.id, slot) : [];
  const extras = deps.contributions.riskReport.flatMap((extra) => extra(release));
  const posted = await deps.riskReporter.postReport({ release, report, notes, extras });
  deps.store.risks.saveSnapshot(release.id, report.totals);
  return posted;
}

export async function riskReportTimer(deps: CadenceDeps, timer: Timer): Promise<void> {
  const payload = timer.payload as { releaseId?: number; slot?: string } | null;
  const release = payload?.releaseId === undefined ? undefined : deps.store.releases.findById(payload.releaseId);
  if (!release) return;
  await postRiskReport(deps, release, payload?.slot ?? null);
}

export const WEEKLY_NOTE_KINDS = ['progress', 'features'] as const;
export type WeeklyNoteKind = (typeof WEEKLY_NOTE_KINDS)[number];

export function saveWeeklyNote(
  deps: CadenceDeps,
  input: { release: Release; slot: string; userId: string; kind: WeeklyNoteKind; text: string },
): { ok: true } | { ok: false; message: string } {
  const text = input.text.trim();
  if (text === '') return { ok: false, message: 'Write a few words.' };
  if (text.length > 2000) return { ok: false, message: 'A note is at most 2000 characters.' };
  deps.store.risks.saveNote({
    releaseId: input.release.id,
    slot: input.slot,
    userId: input.userId,
    kind: input.kind,
    text,
    at: deps.clock.now(),
  });
  return { ok: true };
}
