import { type CalendarDate, daysBetween } from '../../core/domain/calendar.ts';

/** The risk register: score = severity × likelihood; the weekly report's ordering, changes and trend. Pure. */

export const RISK_STATUSES = ['open', 'mitigated', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export type Risk = {
  id: number;
  releaseId: number;
  title: string;
  severity: number;
  likelihood: number;
  ownerId: string | null;
  mitigation: string | null;
  dueDate: CalendarDate | null;
  status: RiskStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  reviewedAt: Date | null;
  closedAt: Date | null;
};

export type RiskChangeKind = 'created' | 'updated' | 'reviewed' | 'mitigated' | 'closed';

export type RiskChange = {
  id: number;
  riskId: number;
  actorId: string;
  change: RiskChangeKind;
  before: Partial<Risk> | null;
  after: Partial<Risk> | null;
  note: string | null;
  at: Date;
};

/**
 * The register as one report saw it. Only `open` risks count: a mitigated risk is neither exposure nor open. The band
 * counts and `mitigatedCount` are missing on snapshots taken before they were recorded.
 */
export type RiskSnapshot = {
  takenAt: Date;
  openCount: number;
  totalScore: number;
  highCount: number;
  mediumCount?: number | undefined;
  lowCount?: number | undefined;
  mitigatedCount?: number | undefined;
};

export const MAX_RISK_TITLE = 150;
export const MAX_MITIGATION = 1000;
/** A score at or above this is "high" (e.g. severity 4 × likelihood 3). */
export const HIGH_SCORE = 12;

/** A score below this is "low" (1–4); between it and HIGH_SCORE "medium" (5–11). */
export const MEDIUM_SCORE = 5;
export const RISK_BANDS = ['high', 'medium', 'low'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export function riskBand(score: number): RiskBand {
  return score >= HIGH_SCORE ? 'high' : score >= MEDIUM_SCORE ? 'medium' : 'low';
}

export function riskScore(risk: Pick<Risk, 'severity' | 'likelihood'>): number {
  return risk.severity * risk.likelihood;
}

/** Highest score first; ties by severity, then oldest first. */
export function byScore(a: Risk, b: Risk): number {
  return (
    riskScore(b) - riskScore(a) ||
    b.severity - a.severity ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id - b.id
  );
}

export function parseLevel(input: string | undefined): number | undefined {
  if (input === undefined || !/^[1-5]$/.test(input.trim())) return undefined;
  return Number(input.trim());
}

export function isOverdue(risk: Pick<Risk, 'dueDate' | 'status'>, today: CalendarDate): boolean {
  return risk.status === 'open' && risk.dueDate !== null && daysBetween(risk.dueDate, today) > 0;
}

export function isLive(risk: Pick<Risk, 'status'>): boolean {
  return risk.status !== 'closed';
}

export function isOpen(risk: Pick<Risk, 'status'>): boolean {
  return risk.status === 'open';
}

/** Open exposure: open risks only (a mitigated risk has its own count and adds nothing to the score). */
export function snapshotOf(risks: readonly Risk[], at: Date): RiskSnapshot {
  const open = risks.filter(isOpen);
  const inBand = (band: RiskBand) => open.filter((r) => riskBand(riskScore(r)) === band).length;
  return {
    takenAt: at,
    openCount: open.length,
    totalScore: open.reduce((sum, r) => sum + riskScore(r), 0),
    highCount: inBand('high'),
    mediumCount: inBand('medium'),
    lowCount: inBand('low'),
    mitigatedCount: risks.filter((r) => r.status === 'mitigated').length,
  };
}

export type Trend = { openDelta: number; scoreDelta: number; highDelta: number } | undefined;

export function trendOf(current: RiskSnapshot, previous: RiskSnapshot | undefined): Trend {
  if (!previous) return undefined;
  return {
    openDelta: current.openCount - previous.openCount,
    scoreDelta: current.totalScore - previous.totalScore,
    highDelta: current.highCount - previous.highCount,
  };
}

/** What happened to a risk since the last report. */
export type RiskChangeNote =
  | { kind: 'new' }
  | { kind: 'score'; from: number; to: number }
  | { kind: 'status'; from: RiskStatus; to: RiskStatus };

export type RiskFlag = 'no_owner' | 'overdue';

export type ReportedRisk = { risk: Risk; changes: RiskChangeNote[]; flags: RiskFlag[] };

/** One person's line in "needs your review": the open risks they own that need it, those to give an owner. */
export type ReviewRequest = { userId: string; review: number[]; assign: number[] };

/**
 * The weekly report. Every risk it names is in exactly one place: `top` (the highest open scores, each with what
 * changed), `changed` (the other risks that changed, closed ones aside), `closed` (closed since the last report),
 * `mitigated` (the other mitigated risks, one line) and `otherOpen` (the rest of the open register, by id).
 */
export type RiskReport = {
  top: ReportedRisk[];
  changed: ReportedRisk[];
  closed: ReportedRisk[];
  mitigated: Risk[];
  otherOpen: ReportedRisk[];
  needsReview: ReviewRequest[];
  totals: RiskSnapshot;
  trend: Trend;
  daysToTarget: number;
  since: Date;
};

function changesOf(risk: Risk, recent: readonly RiskChange[]): RiskChangeNote[] {
  const mine = recent
    .filter((h) => h.riskId === risk.id)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  if (mine.length === 0) return [];
  if (mine.some((h) => h.change === 'created')) return [{ kind: 'new' }];
  const notes: RiskChangeNote[] = [];
  // The state at the last report: the first change since then says what it was before.
  const first = <K extends keyof Risk>(field: K): Risk[K] | undefined =>
    mine.find((h) => h.before && h.before[field] !== undefined)?.before?.[field] as Risk[K] | undefined;
  const severityThen = first('severity') ?? risk.severity;
  const likelihoodThen = first('likelihood') ?? risk.likelihood;
  const scoreThen = severityThen * likelihoodThen;
  if (scoreThen !== riskScore(risk)) notes.push({ kind: 'score', from: scoreThen, to: riskScore(risk) });
  const statusThen = first('status') ?? risk.status;
  if (statusThen !== risk.status) notes.push({ kind: 'status', from: statusThen, to: risk.status });
  return notes;
}

/** The weekly report: top open risks by score, what changed since `since`, who needs to look, totals and trend. */
export function buildRiskReport(input: {
  risks: readonly Risk[];
  history: readonly RiskChange[];
  previous: RiskSnapshot | undefined;
  since: Date;
  now: Date;
  today: CalendarDate;
  targetDate: CalendarDate;
  /** Who gives an unowned risk an owner (the Release Manager). */
  assigners?: readonly string[];
  topCount?: number;
}): RiskReport {
  const recent = input.history.filter((h) => h.at.getTime() > input.since.getTime());
  const all = [...input.risks].sort(byScore);
  const reported = (risk: Risk): ReportedRisk => ({
    risk,
    changes: changesOf(risk, recent),
    flags: [
      ...(risk.status === 'open' && risk.ownerId === null ? (['no_owner'] as const) : []),
      ...(isOverdue(risk, input.today) ? (['overdue'] as const) : []),
    ],
  });
  const closedIds = new Set(recent.filter((h) => h.change === 'closed').map((h) => h.riskId));
  const closed = all.filter((r) => r.status === 'closed' && closedIds.has(r.id)).map(reported);
  const open = all.filter(isOpen).map(reported);
  const top = open.slice(0, input.topCount ?? 5);
  const rest = [...open.slice(top.length), ...all.filter((r) => r.status === 'mitigated').map(reported)];
  const changed = rest.filter((r) => r.changes.length > 0);
  const mitigated = rest.filter((r) => r.risk.status === 'mitigated' && r.changes.length === 0).map((r) => r.risk);
  const otherOpen = rest.filter((r) => r.risk.status === 'open' && r.changes.length === 0);

  // An open risk needs its owner's review when nobody has looked at it since the last report, or it is overdue.
  const touched = new Set(recent.filter((h) => h.change !== 'created').map((h) => h.riskId));
  const requests = new Map<string, ReviewRequest>();
  const requestFor = (userId: string) => {
    let request = requests.get(userId);
    if (!request) {
      request = { userId, review: [], assign: [] };
      requests.set(userId, request);
    }
    return request;
  };
  for (const { risk, flags } of open) {
    if (risk.ownerId === null) continue;
    if (!touched.has(risk.id) || flags.includes('overdue')) requestFor(risk.ownerId).review.push(risk.id);
  }
  for (const { risk } of open.filter((r) => r.risk.ownerId === null)) {
    for (const assigner of input.assigners ?? []) requestFor(assigner).assign.push(risk.id);
  }
  const totals = snapshotOf(input.risks, input.now);
  return {
    top,
    changed,
    closed,
    mitigated,
    otherOpen,
    needsReview: [...requests.values()],
    totals,
    trend: trendOf(totals, input.previous),
    daysToTarget: daysBetween(input.today, input.targetDate),
    since: input.since,
  };
}
