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
  // The report's timer follows the configuration as it is when the timer is scheduled.
  const reportAt = await deps.store.transaction(async () => {
    const config = await deps.store.cadence.config(release.id);
    const due = new Date(at.getTime() + config.riskCollectMs);
    await deps.store.timers.schedule({
      kind: RISK_REPORT_TIMER,
      key: `${RISK_REPORT_TIMER}:${release.id}:${slot}`,
      releaseId: release.id,
      dueAt: due,
      payload: { releaseId: release.id, slot },
    });
    return due;
  });
  const assignments = await deps.store.releases.assignments(release.id);
  const live = (await deps.store.risks.list(release.id)).sort(byScore);
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
  const previous = await deps.store.risks.latestSnapshot(release.id);
  const report = buildRiskReport({
    risks: await deps.store.risks.list(release.id, { includeClosed: true }),
    history: await deps.store.risks.history(release.id),
    previous,
    since: previous?.takenAt ?? release.createdAt,
    now,
    today,
    targetDate: release.targetDate,
  });
  const notes = slot ? await deps.store.risks.notes(release.id, slot) : [];
  const extras: string[] = [];
  for (const extra of deps.contributions.riskReport) extras.push(...(await extra(release)));
  // The week's scheduled report is one post, however often its timer runs; one asked for by hand is its own.
  const key = slot ? `risk-report:${release.id}:${slot}` : undefined;
  const posted = await deps.riskReporter.postReport({ ...(key ? { key } : {}), release, report, notes, extras });
  await deps.store.risks.saveSnapshot(release.id, report.totals);
  return posted;
}

export async function riskReportTimer(deps: CadenceDeps, timer: Timer): Promise<void> {
  const payload = timer.payload as { releaseId?: number; slot?: string } | null;
  const release = payload?.releaseId === undefined ? undefined : await deps.store.releases.findById(payload.releaseId);
  if (!release) return;
  await postRiskReport(deps, release, payload?.slot ?? null);
}

export const WEEKLY_NOTE_KINDS = ['progress', 'features'] as const;
export type WeeklyNoteKind = (typeof WEEKLY_NOTE_KINDS)[number];

export async function saveWeeklyNote(
  deps: CadenceDeps,
  input: { release: Release; slot: string; userId: string; kind: WeeklyNoteKind; text: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
  // The same rule as the button that opened the form, checked again: roles may have changed since.
  const holders = await deps.store.releases.assignments(input.release.id);
  if (!holders.some((a) => a.userId === input.userId)) {
    return { ok: false, message: 'Only the release’s role holders add weekly notes.' };
  }
  const text = input.text.trim();
  if (text === '') return { ok: false, message: 'Write a few words.' };
  if (text.length > 2000) return { ok: false, message: 'A note is at most 2000 characters.' };
  await deps.store.risks.saveNote({
    releaseId: input.release.id,
    slot: input.slot,
    userId: input.userId,
    kind: input.kind,
    text,
    at: deps.clock.now(),
  });
  return { ok: true };
}
