import type { KnownBlock } from '@slack/types';
import type { CalendarDate } from './domain/calendar.ts';
import type { Release } from './domain/release.ts';
import type { MetricsFacts, RecordSection } from './domain/reports.ts';
import type { Role, RoleAssignment } from './domain/roles.ts';

/**
 * What one module adds to a view another module owns: readiness lines on a poll, "waiting for you" lines on the App
 * Home, sections of `/release status`, metrics sources, sections of the exported record, lines of the weekly risk
 * report, and steps taken when a release is created or changes state.
 *
 * The interfaces live here so that the module that shows them never imports the modules that fill them: the
 * composition root binds each implementation to the dependencies and registers it (`src/contributions.ts`).
 */
export type Contributions = {
  /** The go/no-go poll's "readiness" section, in order (polls). */
  readiness: readonly ReadinessProvider[];
  /** The App Home's "waiting for you" lines (releases). */
  waiting: readonly WaitingProvider[];
  /** `/release status` below the roles, in order (releases). */
  status: readonly StatusSection[];
  /** What other modules know of a finished release, for the success metrics (reporting). */
  metrics: readonly MetricsSource[];
  /** Sections of the exported release record (reporting). */
  record: readonly RecordSectionProvider[];
  /** Extra sections of the weekly risk report (cadence). */
  riskReport: readonly RiskReportExtra[];
  /** Run inside the transaction that creates a release (releases). */
  releaseCreated: readonly ReleaseCreatedHook[];
  /** Run inside the transaction that moves a release through its lifecycle (releases). */
  statusChanged: readonly StatusChangedHook[];
  /** Told after something a poll's readiness shows has changed (a tick, an override): polls refresh their messages. */
  readinessChanged: readonly ReadinessChangedHook[];
};

/** One line of the poll's "readiness" section: open risks, escalations, the checklist. Text is mrkdwn. */
export type ReadinessItem = { text: string; ok: boolean };
export type ReadinessProvider = (release: Release) => Promise<ReadinessItem[]>;

/** A release as the views show it: with its roles and the days left, on the release's own calendar. */
export type ReleaseOverview = {
  release: Release;
  assignments: RoleAssignment[];
  today: CalendarDate;
  daysToTarget: number;
};

/** One release on one person's App Home, before the "waiting for you" lines are added. */
export type HomeItemBase = ReleaseOverview & { roles: Role[] };
/** Something a person should do now for a release (mrkdwn lines). */
export type WaitingProvider = (item: HomeItemBase, userId: string) => Promise<string[]>;

/** One module's part of `/release status`. */
export type StatusSection = (release: Release) => Promise<KnownBlock[]>;

export type MetricsSource = (release: Release) => Promise<Partial<MetricsFacts>>;

export type RecordSectionProvider = (release: Release) => Promise<RecordSection[]>;

/** Lines (mrkdwn) another module adds to the weekly risk report. */
export type RiskReportExtra = (release: Release) => Promise<string[]>;

/** Both run inside the caller's transaction: database work only, no Slack call. */
export type ReleaseCreatedHook = (release: Release) => Promise<void>;
export type StatusChangedHook = (release: Release, before: Release, now: Date) => Promise<void>;
export type ReadinessChangedHook = (releaseId: number) => Promise<void>;

/** Tells every registered listener that the release's readiness changed; each one handles its own failures. */
export async function readinessChanged(deps: { contributions: Contributions }, releaseId: number): Promise<void> {
  await Promise.all(deps.contributions.readinessChanged.map((changed) => changed(releaseId)));
}
