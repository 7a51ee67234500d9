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

export type RiskSnapshot = { takenAt: Date; openCount: number; totalScore: number; highCount: number };

export const MAX_RISK_TITLE = 150;
export const MAX_MITIGATION = 1000;
/** A score at or above this is "high" (e.g. severity 4 × likelihood 3). */
export const HIGH_SCORE = 12;

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

export function snapshotOf(risks: readonly Risk[], at: Date): RiskSnapshot {
  const live = risks.filter(isLive);
  return {
    takenAt: at,
    openCount: live.length,
    totalScore: live.reduce((sum, r) => sum + riskScore(r), 0),
    highCount: live.filter((r) => riskScore(r) >= HIGH_SCORE).length,
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

export type RiskReport = {
  top: Risk[];
  added: Risk[];
  changed: Risk[];
  closed: Risk[];
  unowned: Risk[];
  overdue: Risk[];
  totals: RiskSnapshot;
  trend: Trend;
  daysToTarget: number;
  since: Date;
};

/** The weekly report: top risks by score, what changed since `since`, what needs attention, totals and trend. */
export function buildRiskReport(input: {
  risks: readonly Risk[];
  history: readonly RiskChange[];
  previous: RiskSnapshot | undefined;
  since: Date;
  now: Date;
  today: CalendarDate;
  targetDate: CalendarDate;
  topCount?: number;
}): RiskReport {
  const live = input.risks.filter(isLive).sort(byScore);
  const recent = input.history.filter((h) => h.at.getTime() > input.since.getTime());
  const idsWith = (kinds: RiskChangeKind[]) =>
    new Set(recent.filter((h) => kinds.includes(h.change)).map((h) => h.riskId));
  const addedIds = idsWith(['created']);
  const closedIds = idsWith(['closed']);
  const changedIds = idsWith(['updated', 'mitigated', 'reviewed']);
  const all = [...input.risks].sort(byScore);
  const totals = snapshotOf(input.risks, input.now);
  return {
    top: live.slice(0, input.topCount ?? 5),
    added: all.filter((r) => addedIds.has(r.id)),
    changed: all.filter((r) => changedIds.has(r.id) && !addedIds.has(r.id) && !closedIds.has(r.id)),
    closed: all.filter((r) => closedIds.has(r.id) && r.status === 'closed'),
    unowned: live.filter((r) => r.ownerId === null),
    overdue: live.filter((r) => isOverdue(r, input.today)),
    totals,
    trend: trendOf(totals, input.previous),
    daysToTarget: daysBetween(input.today, input.targetDate),
    since: input.since,
  };
}
