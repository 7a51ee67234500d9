import { calendarDateIn } from '../../core/domain/calendar.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { CadenceDeps } from '../deps.ts';
import { buildRiskReport, type RiskSnapshot } from '../domain/risk.ts';
import { type Chart, heatMapChart, trendChart, trendPoints } from '../domain/risk-charts.ts';
import { riskReviewChanged } from './risk-review.ts';

export const RISK_REPORT_TIMER = 'risk.report';
/** Uploads a posted report's charts: a timer of its own, so the report (and `risk report now`) never waits on drawing. */
export const RISK_CHARTS_TIMER = 'risk.charts';

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
  await deps.store.transaction(async () => {
    const config = await deps.store.cadence.config(release.id);
    await deps.store.timers.schedule({
      kind: RISK_REPORT_TIMER,
      key: `${RISK_REPORT_TIMER}:${release.id}:${slot}`,
      releaseId: release.id,
      dueAt: new Date(at.getTime() + config.riskCollectMs),
      payload: { releaseId: release.id, slot },
    });
  });
  // The message is a view of the review's state (who reviewed what, what is left), read from the database.
  await deps.riskReporter.askForReview({ release, slot });
}

/** Who the report names: the display name, or the id when Slack cannot say (the report is still posted). */
async function namesOf(deps: CadenceDeps, ids: Iterable<string>): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    try {
      names[id] = (await deps.users.lookup(id))?.name ?? id;
    } catch (error) {
      deps.logger.warn(`could not look up ${id} for the risk report`, error);
      names[id] = id;
    }
  }
  return names;
}

/**
 * Builds and posts the risk report with its two charts, then stores the report's snapshot for the trend. The
 * scheduled report is one post, one upload and one snapshot however often its timer runs; one asked for by hand is
 * its own.
 */
export async function postRiskReport(
  deps: CadenceDeps,
  release: Release,
  slot: string | null,
): Promise<{ ts: string }> {
  const now = deps.clock.now();
  const today = calendarDateIn(now, release.timeZone);
  const key = slot ? `risk-report:${release.id}:${slot}` : undefined;
  const snapshots = await deps.store.risks.snapshots(release.id);
  // A retried report compares with the report before it, not with the snapshot it saved itself.
  const mine = key ? snapshots.findIndex((s) => s.reportKey === key) : -1;
  const earlier = mine >= 0 ? snapshots.slice(0, mine) : snapshots;
  const previous = earlier.at(-1);
  const risks = await deps.store.risks.list(release.id, { includeClosed: true });
  const assignments = await deps.store.releases.assignments(release.id);
  const report = buildRiskReport({
    risks,
    history: await deps.store.risks.history(release.id),
    previous,
    since: previous?.takenAt ?? release.createdAt,
    now,
    today,
    targetDate: release.targetDate,
    assigners: holdersOf(assignments, 'rm'),
  });
  const notes = slot ? await deps.store.risks.notes(release.id, slot) : [];
  const extras: string[] = [];
  for (const extra of deps.contributions.riskReport) extras.push(...(await extra(release)));
  const mentioned = extras.flatMap((e) => [...e.matchAll(/<@([UW][A-Z0-9]+)/g)].map((m) => m[1] as string));
  const names = await namesOf(deps, [
    ...risks.flatMap((r) => (r.ownerId ? [r.ownerId] : [])),
    ...notes.map((n) => n.userId),
    ...mentioned,
  ]);
  const points = trendPoints([...earlier, mine >= 0 ? (snapshots[mine] as RiskSnapshot) : report.totals]);
  const posted = await deps.riskReporter.postReport({ ...(key ? { key } : {}), release, report, notes, extras, names });
  // The charts as this report saw the register, in the timer's payload; one timer (and one upload) per posted report.
  const charts: Chart[] = [
    heatMapChart({ releaseName: release.name, open: risks, asOf: today }),
    trendChart({ releaseName: release.name, points, targetDate: release.targetDate }),
  ];
  await deps.store.transaction(async () => {
    await deps.store.timers.schedule({
      kind: RISK_CHARTS_TIMER,
      key: `${RISK_CHARTS_TIMER}:${release.id}:${posted.ts}`,
      releaseId: release.id,
      dueAt: now,
      payload: { releaseId: release.id, threadTs: posted.ts, charts },
    });
    await deps.store.risks.saveSnapshot(release.id, report.totals, key);
  });
  return posted;
}

export async function riskChartsTimer(deps: CadenceDeps, timer: Timer): Promise<void> {
  const payload = timer.payload as { releaseId?: number; threadTs?: string; charts?: Chart[] } | null;
  const release = payload?.releaseId === undefined ? undefined : await deps.store.releases.findById(payload.releaseId);
  if (!release || !payload?.threadTs || !payload.charts) return;
  await deps.riskReporter.uploadCharts({
    key: `risk-charts:${release.id}:${payload.threadTs}`,
    release,
    threadTs: payload.threadTs,
    charts: payload.charts,
  });
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
  await riskReviewChanged(deps, input.release.id);
  return { ok: true };
}
