import type { KnownBlock } from '@slack/types';
import type { CalendarDate } from './domain/calendar.ts';
import type { GateEvent } from './domain/gate-events.ts';
import type { Release } from './domain/release.ts';
import type { MetricsFacts, RecordSection } from './domain/reports.ts';
import type { Role, RoleAssignment } from './domain/roles.ts';

/**
 * What one module adds to a view another module owns: readiness lines on a poll, "waiting for you" lines on the App
 * Home, sections of `/release status`, metrics sources, sections of the exported record, lines of the weekly risk
 * report, the events the deployment gate weighs, sections of a poll message, retrospective items, and steps taken
 * when a release is created, changes state or is rescheduled.
 *
 * The interfaces live here so that the module that shows them never imports the modules that fill them: the
 * composition root binds each implementation to the dependencies and registers it (`src/contributions.ts`).
 */
export type Contributions = {
  /** The go/no-go poll's "readiness" section, in order (polls). */
  readiness: readonly ReadinessProvider[];
  /** The App Home's "waiting for you" lines (releases). */
  waiting: readonly WaitingProvider[];
  /** The App Home's open items with a button, for people with or without a role (releases). */
  homeActions: readonly HomeActionProvider[];
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
  /**
   * Told after a poll's decision is committed (polls): a Go, a No-Go, a rollback call. The pipeline API (src/api)
   * answers a held `GET …/gate?wait=` the moment the Release Manager decides.
   */
  pollDecided: readonly PollDecidedHook[];
  /** What happened since an instant that may make a Go stale: unticks, high risks, level-3 escalations (gate). */
  gateEvents: readonly GateEventSource[];
  /** Sections another module adds to a poll message, below its readiness (polls). */
  pollSections: readonly PollSection[];
  /** Items another module adds to the retrospective: asked in its form, listed in its prompt and summary (cadence). */
  retroItems: readonly RetroItemSource[];
  /** Run inside the transaction that moves a release's target and window (governance). */
  releaseRescheduled: readonly ReleaseRescheduledHook[];
  /** What a person is paged for, with buttons, on their App Home even without a role (escalation → releases). */
  paged: readonly PagedProvider[];
  /** Lines (mrkdwn) the announcement of a new release adds: what is not set up yet and how to fix it (releases). */
  createdNotes: readonly ReleaseNoteProvider[];
  /**
   * Who else a release's App Home refresh concerns, beside its role holders and their delegates: the people its open
   * escalations page (escalation → releases). Run off the request's path, after the change is committed.
   */
  homeAudience: readonly HomeAudienceProvider[];
};

export type HomeAudienceProvider = (release: Release) => Promise<string[]>;

export type ReleaseNoteProvider = (release: Release) => Promise<string[]>;

/** A button another module puts on a view it does not own: the owning module's listener handles the click. */
export type ContributedButton = { text: string; actionId: string; value: string; style?: 'primary' | 'danger' };
/** One thing a person is paged for (an open escalation they may acknowledge): a mrkdwn line and its buttons. */
export type PagedItem = { text: string; buttons: ContributedButton[]; releaseId?: number };
export type PagedProvider = (teamId: string, userId: string) => Promise<PagedItem[]>;

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

/**
 * Something a person can do now from the App Home: a line (mrkdwn) and usually one button, which either runs an
 * action of the module that contributed it (`actionId` and `value`, the same handler as in the channel) or opens a
 * link (`url`). `urgency` orders the items and the release cards: lower is more urgent.
 */
export type HomeAction = {
  releaseId: number;
  text: string;
  button?: { label: string; actionId: string; value?: string; url?: string; style?: 'primary' | 'danger' };
  urgency: number;
};

/** How urgent each kind of App Home item is (the lower, the sooner it is shown). */
export const HOME_URGENCY = {
  escalation: 0,
  decide: 1,
  vote: 2,
  standup: 3,
  checklist: 4,
  risk: 5,
  manage: 9,
} as const;

/**
 * A person's open items. `releases` are the active releases they hold a role in; a provider may also return items of
 * releases they hold none in (an escalation that pings them, a release where they are Informed), and the App Home
 * adds a card for each such release.
 */
export type HomeActionProvider = (input: {
  teamId: string;
  userId: string;
  releases: readonly HomeItemBase[];
}) => Promise<HomeAction[]>;

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
/** Runs after the decision's transaction, outside it; each listener handles its own failures. */
export type PollDecidedHook = (releaseId: number) => Promise<void>;

/** The events of the release after `since` (strictly later), oldest first. */
export type GateEventSource = (release: Release, since: Date) => Promise<GateEvent[]>;

/** A poll as another module sees it when it adds a section to the poll message. */
export type PollRef = { id: number; releaseId: number; activity: string; status: string; decision: string | null };
/** Block Kit blocks one module adds to another's message, for use cases that may not import Slack's types. */
export type ContributedBlocks = KnownBlock[];
export type PollSection = (poll: PollRef) => Promise<ContributedBlocks>;

/**
 * An item another module adds to a release's retrospective, such as "why was the gate bypassed". `context` (mrkdwn,
 * escaped) says what happened; the holders of `requiredFrom` must answer it, everyone else may.
 */
export type RetroItem = { key: string; question: string; context: string; requiredFrom: Role[] };
export type RetroItemSource = (release: Release) => Promise<RetroItem[]>;

/** Runs inside the reschedule's transaction: database work only, no Slack call. */
export type ReleaseRescheduledHook = (release: Release, before: Release, now: Date, actorId: string) => Promise<void>;

/** Tells every registered listener that the release's readiness changed; each one handles its own failures. */
export async function readinessChanged(deps: { contributions: Contributions }, releaseId: number): Promise<void> {
  await Promise.all(deps.contributions.readinessChanged.map((changed) => changed(releaseId)));
}

/** Tells every registered listener that a poll of the release was decided (after the decision is committed). */
export async function pollDecided(deps: { contributions: Contributions }, releaseId: number): Promise<void> {
  await Promise.all(deps.contributions.pollDecided.map((decided) => decided(releaseId)));
}
