import { deploymentsMetricsSource, deploymentsRecordSection, deploymentsStatusSection } from './api/index.ts';
import {
  cadenceHomeActions,
  replanCadence,
  riskGateEvents,
  riskReadinessProvider,
  scheduleRetrospectiveWhenEnded,
  scheduleStatusSection,
  standupMetricsSource,
  standupRecordSection,
} from './cadence/index.ts';
import type { Contributions } from './core/contributions.ts';
import type { Deps } from './deps.ts';
import {
  escalationGateEvents,
  escalationHomeAudience,
  escalationLevelsNote,
  escalationMetricsSource,
  escalationReadinessProvider,
  escalationRecordSection,
  escalationRiskReportExtra,
  escalationStatusSection,
  escalationsAwaitingAcknowledgement,
  escalationsPagedFor,
} from './escalation/index.ts';
import { emergencyMetricsSource, gateRetroItems, gateStatusSection, gateWaiting, goPollSection } from './gate/index.ts';
import { versionsRecordSection, versionsStatusSection } from './github/index.ts';
import {
  checklistGateEvents,
  checklistHomeActions,
  checklistReadinessProvider,
  checklistStatusSection,
  createChecklist,
  rescheduleRetroItems,
} from './governance/index.ts';
import {
  pollHomeActions,
  pollStatusSection,
  refreshReleasePolls,
  votesMetricsSource,
  votesRecordSection,
} from './polls/index.ts';
import { releaseHomeActions } from './releases/index.ts';
import { reportingHomeActions } from './reporting/index.ts';

/** Before `wireContributions` runs: nothing registered. */
const NONE: Contributions = {
  readiness: [],
  waiting: [],
  homeActions: [],
  status: [],
  metrics: [],
  record: [],
  riskReport: [],
  releaseCreated: [],
  statusChanged: [],
  readinessChanged: [],
  pollDecided: [],
  gateEvents: [],
  pollSections: [],
  retroItems: [],
  releaseRescheduled: [],
  paged: [],
  createdNotes: [],
  homeAudience: [],
};

/**
 * What each module adds to the others' views and steps, bound to the dependencies. The order of each list is the
 * order people see: the poll's readiness (checklist, risks, escalations), the App Home's lines, `/release status`.
 */
export function createContributions(deps: Deps): Contributions {
  const bind =
    <A extends unknown[], R>(fn: (deps: Deps, ...args: A) => R) =>
    (...args: A): R =>
      fn(deps, ...args);
  return {
    readiness: [bind(checklistReadinessProvider), bind(riskReadinessProvider), bind(escalationReadinessProvider)],
    // Votes, the checklist, standups and overdue risks are App Home items with a button (`homeActions`).
    waiting: [bind(escalationsAwaitingAcknowledgement), bind(gateWaiting)],
    homeActions: [
      releaseHomeActions(deps),
      pollHomeActions(deps),
      checklistHomeActions(deps),
      cadenceHomeActions(deps),
      reportingHomeActions(),
    ],
    status: [
      bind(gateStatusSection),
      bind(scheduleStatusSection),
      bind(pollStatusSection),
      bind(checklistStatusSection),
      bind(escalationStatusSection),
      bind(deploymentsStatusSection),
      bind(versionsStatusSection),
    ],
    metrics: [
      bind(escalationMetricsSource),
      bind(standupMetricsSource),
      bind(votesMetricsSource),
      bind(emergencyMetricsSource),
      bind(deploymentsMetricsSource),
    ],
    record: [
      bind(votesRecordSection),
      bind(escalationRecordSection),
      bind(standupRecordSection),
      bind(deploymentsRecordSection),
      bind(versionsRecordSection),
    ],
    riskReport: [bind(escalationRiskReportExtra)],
    releaseCreated: [(release) => createChecklist(deps.store, release.id)],
    // Inside the transaction: the refresher only notes the release, and publishes after it (src/releases).
    statusChanged: [
      (release, _before, now) => scheduleRetrospectiveWhenEnded(deps, release, now),
      async (release) => deps.homeRefresh.changed(release.id),
    ],
    // The gate watch answers a held `GET …/gate?wait=` the moment something the gate weighs changes (src/api).
    // What the readiness shows (a tick, a risk, an escalation, a ship) and a decision are on App Homes too.
    readinessChanged: [
      (releaseId) => refreshReleasePolls(deps, releaseId),
      async (releaseId) => deps.gateWatch.notify(releaseId),
      async (releaseId) => deps.homeRefresh.changed(releaseId),
    ],
    pollDecided: [
      async (releaseId) => deps.gateWatch.notify(releaseId),
      async (releaseId) => deps.homeRefresh.changed(releaseId),
    ],
    gateEvents: [bind(checklistGateEvents), bind(riskGateEvents), bind(escalationGateEvents)],
    pollSections: [bind(goPollSection)],
    retroItems: [bind(gateRetroItems), bind(rescheduleRetroItems)],
    releaseRescheduled: [
      (release, _before, now, actorId) => replanCadence(deps, release, now, actorId),
      async (release) => deps.homeRefresh.changed(release.id),
    ],
    paged: [bind(escalationsPagedFor)],
    createdNotes: [bind(escalationLevelsNote)],
    homeAudience: [bind(escalationHomeAudience)],
  };
}

/** Completes the dependencies with the contributions, which need the dependencies themselves. */
export function wireContributions<T extends Omit<Deps, 'contributions'>>(base: T): T & Deps {
  const deps: T & Deps = { ...base, contributions: NONE };
  deps.contributions = createContributions(deps);
  return deps;
}
