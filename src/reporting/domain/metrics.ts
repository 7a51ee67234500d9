import { type CalendarDate, calendarDateIn, daysBetween } from '../../core/domain/calendar.ts';
import type { ReleaseStatus } from '../../core/domain/release.ts';
import type { MetricsFacts, ReportedDeployment } from '../../core/domain/reports.ts';

/**
 * The read model the success metrics are computed from: one record per finished release. The sources other
 * capabilities own (standups, escalations, votes) are optional; `undefined` means "this source gives no data",
 * which the metrics report as such rather than as zero.
 */
export type MetricsRelease = {
  id: number;
  name: string;
  status: ReleaseStatus;
  targetDate: CalendarDate;
  timeZone: string;
  shippedAt: Date | null;
  endedAt: Date | null;
  /** When the Go decision was taken (the last `go` before shipping), if there was one. */
  goDecidedAt: Date | null;
  checklistOverrides: number;
  /** The target the release was first given (its target when it was never rescheduled). */
  originalTargetDate?: CalendarDate | undefined;
  /** How many times its dates were moved. */
  reschedules?: number | undefined;
} & Partial<MetricsFacts>;

export type MetricValue =
  | { kind: 'rate'; numerator: number; denominator: number }
  /** `samples` counts releases unless `unit` says deployments. */
  | { kind: 'mean_duration'; meanMs: number; samples: number; unit?: 'deployment' }
  | { kind: 'count'; count: number; releasesWithAny: number }
  | {
      kind: 'per_level';
      levels: Array<{ level: number; count: number; meanAckMs: number | null; meanResolveMs: number | null }>;
    }
  | { kind: 'no_data'; reason: string };

export type Metric = {
  key: string;
  label: string;
  /** How the figure is computed, in one sentence. */
  how: string;
  /** How many releases the figure stands on. */
  basis: number;
  value: MetricValue;
};

const noData = (reason: string): MetricValue => ({ kind: 'no_data', reason });

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function deliveredOnTime(r: MetricsRelease, target: CalendarDate): boolean {
  const delivered = r.shippedAt ?? r.endedAt;
  return delivered !== null && daysBetween(calendarDateIn(delivered, r.timeZone), target) >= 0;
}

/** Emergency ships (past the deployment gate) are counted on their own line, never as normal successes. */
const throughTheGate = (r: MetricsRelease) => r.emergencyShip !== true;

export function onTimeDelivery(releases: readonly MetricsRelease[]): Metric {
  const done = releases.filter((r) => r.status === 'done' && throughTheGate(r));
  const onTime = done.filter((r) => deliveredOnTime(r, r.targetDate));
  return {
    key: 'on_time',
    label: 'On-time delivery rate',
    how: 'Releases marked done that shipped on or before their final target date (in the release’s time zone), over all releases marked done; emergency ships are counted apart.',
    basis: done.length,
    value:
      done.length === 0
        ? noData('no release was marked done')
        : { kind: 'rate', numerator: onTime.length, denominator: done.length },
  };
}

export function onTimeAgainstOriginal(releases: readonly MetricsRelease[]): Metric {
  const done = releases.filter((r) => r.status === 'done' && throughTheGate(r));
  const onTime = done.filter((r) => deliveredOnTime(r, r.originalTargetDate ?? r.targetDate));
  return {
    key: 'on_time_original',
    label: 'On-time delivery against the original target',
    how: 'The same releases, measured against the target they were first given, before any reschedule.',
    basis: done.length,
    value:
      done.length === 0
        ? noData('no release was marked done')
        : { kind: 'rate', numerator: onTime.length, denominator: done.length },
  };
}

export function reschedules(releases: readonly MetricsRelease[]): Metric {
  const count = releases.reduce((sum, r) => sum + (r.reschedules ?? 0), 0);
  return {
    key: 'reschedules',
    label: 'Reschedules',
    how: 'Times the Release Manager moved a release’s target or window with `/release reschedule`, each with a reason.',
    basis: releases.length,
    value:
      releases.length === 0
        ? noData('no finished releases')
        : { kind: 'count', count, releasesWithAny: releases.filter((r) => (r.reschedules ?? 0) > 0).length },
  };
}

/** The production deployments a pipeline reported whose outcome is known: succeeded or failed. */
function outcomes(r: MetricsRelease): ReportedDeployment[] {
  return (r.deployments ?? []).filter((d) => d.status === 'succeeded' || d.status === 'failed');
}

/**
 * From deployment events when a pipeline reported any (production succeeded ÷ (succeeded + failed)), otherwise from
 * the manual lifecycle (shipped releases that ended done ÷ shipped releases). The "how" line says which.
 */
export function deploymentSuccess(releases: readonly MetricsRelease[]): Metric {
  const label = 'Deployment success rate';
  const reported = releases.filter((r) => throughTheGate(r) && outcomes(r).length > 0);
  if (reported.length > 0) {
    const all = reported.flatMap(outcomes);
    const succeeded = all.filter((d) => d.status === 'succeeded').length;
    return {
      key: 'deployment_success',
      label,
      how:
        'From deployment events: production deployments the pipeline reported as succeeded, over succeeded and ' +
        'failed ones; releases without reported deployments and emergency ships are left out.',
      basis: reported.length,
      value: { kind: 'rate', numerator: succeeded, denominator: all.length },
    };
  }
  const shipped = releases.filter(
    (r) => r.shippedAt !== null && (r.status === 'done' || r.status === 'rolled_back') && throughTheGate(r),
  );
  const succeeded = shipped.filter((r) => r.status === 'done');
  return {
    key: 'deployment_success',
    label,
    how: 'From the manual lifecycle (no deployment events were reported): shipped releases that ended done rather than rolled back, over all shipped releases; emergency ships are counted apart.',
    basis: shipped.length,
    value:
      shipped.length === 0
        ? noData('no release was shipped')
        : { kind: 'rate', numerator: succeeded.length, denominator: shipped.length },
  };
}

/** Each production deployment's time from `started` to its `succeeded`: the latest start before each success. */
function deployDurations(r: MetricsRelease): number[] {
  const durations: number[] = [];
  let started: Date | undefined;
  for (const d of r.deployments ?? []) {
    if (d.status === 'started') started = d.at;
    else if (d.status === 'succeeded' && started) {
      durations.push(d.at.getTime() - started.getTime());
      started = undefined;
    } else if (d.status === 'failed') started = undefined;
  }
  return durations;
}

export function emergencyShips(releases: readonly MetricsRelease[]): Metric {
  const shipped = releases.filter((r) => r.shippedAt !== null);
  const emergency = shipped.filter((r) => r.emergencyShip === true);
  const rolledBack = emergency.filter((r) => r.status === 'rolled_back').length;
  return {
    key: 'emergency_ships',
    label: 'Emergency ships (past the deployment gate)',
    how:
      'Shipped releases the Release Manager shipped past the gate with `/release ship emergency`, over all shipped ' +
      `releases; they are left out of on-time delivery and deployment success${emergency.length > 0 ? ` (${rolledBack} of them rolled back)` : ''}.`,
    basis: shipped.length,
    value:
      shipped.length === 0
        ? noData('no release was shipped')
        : { kind: 'rate', numerator: emergency.length, denominator: shipped.length },
  };
}

/**
 * Mean time to deploy: from deployment events when a pipeline reported any (production started → succeeded),
 * otherwise from the manual lifecycle (the Go decision → the release marked shipped). The "how" line says which.
 */
export function timeToDeploy(releases: readonly MetricsRelease[]): Metric {
  const label = 'Mean time to deploy';
  const reported = releases.map(deployDurations).filter((d) => d.length > 0);
  if (reported.length > 0) {
    const samples = reported.flat();
    return {
      key: 'time_to_deploy',
      label,
      how: 'From deployment events: mean time from a production deployment the pipeline reported as started to its success.',
      basis: reported.length,
      value: { kind: 'mean_duration', meanMs: mean(samples), samples: samples.length, unit: 'deployment' },
    };
  }
  const samples = releases
    .filter((r) => r.shippedAt !== null && r.goDecidedAt !== null && r.goDecidedAt <= r.shippedAt)
    .map((r) => (r.shippedAt as Date).getTime() - (r.goDecidedAt as Date).getTime());
  return {
    key: 'time_to_deploy',
    label,
    how: 'From the manual lifecycle (no deployment events were reported): mean time from the Go decision recorded by the go/no-go poll to the release being marked shipped.',
    basis: samples.length,
    value:
      samples.length === 0
        ? noData('no shipped release has a recorded Go decision')
        : { kind: 'mean_duration', meanMs: mean(samples), samples: samples.length },
  };
}

export function checklistOverrides(releases: readonly MetricsRelease[]): Metric {
  const count = releases.reduce((sum, r) => sum + r.checklistOverrides, 0);
  return {
    key: 'checklist_overrides',
    label: 'Checklist overrides',
    how: 'Times the Release Manager accepted Go with checklist items open, recorded with a reason.',
    basis: releases.length,
    value:
      releases.length === 0
        ? noData('no finished releases')
        : { kind: 'count', count, releasesWithAny: releases.filter((r) => r.checklistOverrides > 0).length },
  };
}

export function standupResponseRate(releases: readonly MetricsRelease[]): Metric {
  const withData = releases.filter((r) => r.standups !== undefined && r.standups.prompted > 0);
  const prompted = withData.reduce((sum, r) => sum + (r.standups?.prompted ?? 0), 0);
  const answered = withData.reduce((sum, r) => sum + (r.standups?.answered ?? 0), 0);
  return {
    key: 'standup_response',
    label: 'Standup response rate',
    how: 'Per posted standup, the role holders who answered by the summary, over the role holders asked (each person once per standup).',
    basis: withData.length,
    value:
      withData.length === 0
        ? noData('no standup data for these releases')
        : { kind: 'rate', numerator: answered, denominator: prompted },
  };
}

export function escalationsPerLevel(releases: readonly MetricsRelease[]): Metric {
  const withData = releases.filter((r) => r.escalations !== undefined);
  const all = withData.flatMap((r) => r.escalations ?? []);
  const levels = [...new Set(all.map((e) => e.level))]
    .sort((a, b) => a - b)
    .map((level) => {
      const at = all.filter((e) => e.level === level);
      const acks = at
        .filter((e) => e.acknowledgedAt)
        .map((e) => (e.acknowledgedAt as Date).getTime() - e.raisedAt.getTime());
      const resolves = at
        .filter((e) => e.resolvedAt)
        .map((e) => (e.resolvedAt as Date).getTime() - e.raisedAt.getTime());
      return {
        level,
        count: at.length,
        meanAckMs: acks.length > 0 ? mean(acks) : null,
        meanResolveMs: resolves.length > 0 ? mean(resolves) : null,
      };
    });
  let value: MetricValue;
  if (withData.length === 0) value = noData('no escalation data for these releases');
  else if (all.length === 0) value = { kind: 'count', count: 0, releasesWithAny: 0 };
  else value = { kind: 'per_level', levels };
  return {
    key: 'escalations',
    label: 'Escalations per level',
    how: 'Escalations raised per level, with the mean time from raising to acknowledgement and to resolution.',
    basis: withData.length,
    value,
  };
}

export function votesChanged(releases: readonly MetricsRelease[]): Metric {
  const withData = releases.filter((r) => r.votes !== undefined && r.votes.cast > 0);
  const cast = withData.reduce((sum, r) => sum + (r.votes?.cast ?? 0), 0);
  const changed = withData.reduce((sum, r) => sum + (r.votes?.changed ?? 0), 0);
  return {
    key: 'votes_changed',
    label: 'Votes that changed',
    how: 'Go/no-go and rollback votes that changed the same voter’s earlier value for the same role in the same poll, over all votes recorded.',
    basis: withData.length,
    value:
      withData.length === 0
        ? noData('no vote data for these releases')
        : { kind: 'rate', numerator: changed, denominator: cast },
  };
}

/** Every success metric over the same releases, in the order the report shows them. */
export function computeMetrics(releases: readonly MetricsRelease[]): Metric[] {
  return [
    onTimeDelivery(releases),
    onTimeAgainstOriginal(releases),
    reschedules(releases),
    deploymentSuccess(releases),
    emergencyShips(releases),
    timeToDeploy(releases),
    checklistOverrides(releases),
    standupResponseRate(releases),
    escalationsPerLevel(releases),
    votesChanged(releases),
  ];
}

export const DEFAULT_METRICS_WINDOW = 10;
export const MAX_METRICS_WINDOW = 100;
