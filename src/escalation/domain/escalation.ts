/**
 * The escalation workflow: a tagged union with pure transitions through the levels (see levels.ts). Time is a
 * parameter.
 */
import { type EscalationCategory, type EscalationLevel, nextConfiguredLevel, TOP_LEVEL } from './levels.ts';

export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved', 'expired'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** One posting of the escalation: the raise, each escalation to a higher level, each re-ping at the top. */
export type EscalationStep = {
  level: EscalationLevel;
  postedAt: string;
  via: 'raised' | 'auto' | 'manual' | 'reping';
  by: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The away role holder a delegate acknowledged for ("by @delegate for @holder"); absent or null: for themselves. */
  acknowledgedFor?: string | null;
};

type EscalationBase = {
  id: number;
  teamId: string;
  releaseId: number;
  category: EscalationCategory | null;
  summary: string;
  raisedBy: string;
  raisedAt: Date;
  level: EscalationLevel;
  /** Index of the current step in `history`; timers carry it so a stale or retried timer acts at most once. */
  step: number;
  history: EscalationStep[];
};

/** Pending acknowledgement at `level`; the next step (escalate or re-ping) is due at `nextStepAt`. */
export type OpenEscalation = EscalationBase & { status: 'open'; nextStepAt: Date };
export type AcknowledgedEscalation = EscalationBase & {
  status: 'acknowledged';
  acknowledgedBy: string;
  acknowledgedAt: Date;
};
export type ResolvedEscalation = EscalationBase & {
  status: 'resolved';
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  resolvedBy: string;
  resolvedAt: Date;
  resolution: string;
};
/** Older than the configured maximum age while unacknowledged: never auto-escalated again, still closable. */
export type ExpiredEscalation = EscalationBase & { status: 'expired'; expiredAt: Date };
export type Escalation = OpenEscalation | AcknowledgedEscalation | ResolvedEscalation | ExpiredEscalation;

export type NewEscalation = Omit<OpenEscalation, 'id'>;

export function isActive(escalation: Escalation): boolean {
  return escalation.status !== 'resolved';
}

export function openNewEscalation(
  input: {
    teamId: string;
    releaseId: number;
    category: EscalationCategory | null;
    summary: string;
    raisedBy: string;
    level: EscalationLevel;
  },
  now: Date,
  ackMs: number,
): NewEscalation {
  return {
    ...input,
    raisedAt: now,
    status: 'open',
    step: 0,
    nextStepAt: new Date(now.getTime() + ackMs),
    history: [
      {
        level: input.level,
        postedAt: now.toISOString(),
        via: 'raised',
        by: input.raisedBy,
        acknowledgedAt: null,
        acknowledgedBy: null,
      },
    ],
  };
}

function base(escalation: Escalation): EscalationBase {
  const { id, teamId, releaseId, category, summary, raisedBy, raisedAt, level, step, history } = escalation;
  return { id, teamId, releaseId, category, summary, raisedBy, raisedAt, level, step, history };
}

export type TransitionRefusal = 'resolved' | 'at_top' | 'not_higher' | 'note_required';
export type Transition<T extends Escalation> =
  | { ok: true; escalation: T; changed: boolean }
  | { ok: false; reason: TransitionRefusal };

/**
 * Acknowledge: stops every pending step. A second acknowledgement counts once; after a resolve it changes nothing.
 * `forHolder` is the away role holder a delegate acknowledges for; it is kept with the step.
 */
export function acknowledge(
  escalation: Escalation,
  userId: string,
  now: Date,
  forHolder: string | null = null,
): Transition<Escalation> {
  if (escalation.status === 'resolved') return { ok: false, reason: 'resolved' };
  if (escalation.status === 'acknowledged') return { ok: true, escalation, changed: false };
  const history = escalation.history.map((step, i) =>
    i === escalation.step
      ? {
          ...step,
          acknowledgedAt: now.toISOString(),
          acknowledgedBy: userId,
          ...(forHolder ? { acknowledgedFor: forHolder } : {}),
        }
      : step,
  );
  return {
    ok: true,
    changed: true,
    escalation: { ...base(escalation), history, status: 'acknowledged', acknowledgedBy: userId, acknowledgedAt: now },
  };
}

/** The holder the escalation's acknowledgement was made for by their delegate, or null (or not acknowledged). */
export function acknowledgedFor(escalation: Escalation): string | null {
  if (escalation.status !== 'acknowledged' && escalation.status !== 'resolved') return null;
  const step = escalation.history.findLast((s) => s.acknowledgedBy === escalation.acknowledgedBy && s.acknowledgedAt);
  return step?.acknowledgedFor ?? null;
}

/** Resolve needs a note; it is fine after an acknowledgement; a second resolve is refused. */
export function resolve(escalation: Escalation, userId: string, note: string, now: Date): Transition<Escalation> {
  if (escalation.status === 'resolved') return { ok: false, reason: 'resolved' };
  if (note.trim() === '') return { ok: false, reason: 'note_required' };
  const acknowledged = escalation.status === 'acknowledged';
  return {
    ok: true,
    changed: true,
    escalation: {
      ...base(escalation),
      status: 'resolved',
      acknowledgedBy: acknowledged ? escalation.acknowledgedBy : null,
      acknowledgedAt: acknowledged ? escalation.acknowledgedAt : null,
      resolvedBy: userId,
      resolvedAt: now,
      resolution: note.trim(),
    },
  };
}

/**
 * Moves to a higher level (by hand or because nobody acknowledged); the escalation is pending again at the new
 * level. Beyond level 3 there is nowhere to go.
 */
export function escalateTo(
  escalation: Escalation,
  to: EscalationLevel,
  via: 'auto' | 'manual',
  by: string | null,
  now: Date,
  ackMs: number,
): Transition<OpenEscalation> {
  if (escalation.status === 'resolved') return { ok: false, reason: 'resolved' };
  if (escalation.level >= TOP_LEVEL) return { ok: false, reason: 'at_top' };
  if (to <= escalation.level) return { ok: false, reason: 'not_higher' };
  return { ok: true, changed: true, escalation: nextStep(escalation, to, via, by, now, ackMs) };
}

/** At the top level (or when no higher level is configured) nobody acknowledged: ping the same level again. */
export function reping(escalation: OpenEscalation, now: Date, ackMs: number): OpenEscalation {
  return nextStep(escalation, escalation.level, 'reping', null, now, ackMs);
}

function nextStep(
  escalation: Escalation,
  level: EscalationLevel,
  via: EscalationStep['via'],
  by: string | null,
  now: Date,
  ackMs: number,
): OpenEscalation {
  const step: EscalationStep = {
    level,
    postedAt: now.toISOString(),
    via,
    by,
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
  return {
    ...base(escalation),
    level,
    step: escalation.step + 1,
    history: [...escalation.history, step],
    status: 'open',
    nextStepAt: new Date(now.getTime() + ackMs),
  };
}

export function isTooOld(escalation: Pick<Escalation, 'raisedAt'>, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - escalation.raisedAt.getTime() >= maxAgeMs;
}

export function expire(escalation: OpenEscalation, now: Date): ExpiredEscalation {
  return { ...base(escalation), status: 'expired', expiredAt: now };
}

/** What a due step timer should do with the escalation as it is now in the database. */
export type StepDecision =
  | { kind: 'escalate'; to: EscalationLevel }
  | { kind: 'reping' }
  | { kind: 'expire' }
  | { kind: 'skip'; reason: 'not_open' | 'stale_step' | 'not_due' };

export function decideStep(
  escalation: Escalation,
  timerStep: number,
  now: Date,
  policy: { maxAgeMs: number; configured: ReadonlySet<EscalationLevel> },
): StepDecision {
  if (escalation.status !== 'open') return { kind: 'skip', reason: 'not_open' };
  if (escalation.step !== timerStep) return { kind: 'skip', reason: 'stale_step' };
  if (now.getTime() < escalation.nextStepAt.getTime()) return { kind: 'skip', reason: 'not_due' };
  if (isTooOld(escalation, now, policy.maxAgeMs)) return { kind: 'expire' };
  const to = nextConfiguredLevel(escalation.level, policy.configured);
  return to ? { kind: 'escalate', to } : { kind: 'reping' };
}

/** Time to acknowledge and to resolve per level, measured from when the level was first posted. */
export type LevelTiming = {
  level: EscalationLevel;
  postedAt: Date;
  timeToAcknowledgeMs: number | null;
  timeToResolveMs: number | null;
};

export function levelTimings(escalation: Escalation): LevelTiming[] {
  const timings: LevelTiming[] = [];
  for (const step of escalation.history) {
    let timing = timings.find((t) => t.level === step.level);
    if (!timing) {
      timing = {
        level: step.level,
        postedAt: new Date(step.postedAt),
        timeToAcknowledgeMs: null,
        timeToResolveMs: null,
      };
      timings.push(timing);
    }
    if (step.acknowledgedAt && timing.timeToAcknowledgeMs === null) {
      timing.timeToAcknowledgeMs = new Date(step.acknowledgedAt).getTime() - timing.postedAt.getTime();
    }
  }
  if (escalation.status === 'resolved') {
    const last = timings.find((t) => t.level === escalation.level);
    if (last) last.timeToResolveMs = escalation.resolvedAt.getTime() - last.postedAt.getTime();
  }
  return timings;
}

/**
 * Where an escalation came from when a monitor raised it (the HTTP API): its link, and how often it fired. Repeats
 * with the same `dedupKey` while the escalation is not resolved add to `fired` instead of raising a new one, so a
 * flapping alert is one escalation that says "fired again ×N".
 */
export type EscalationAlert = {
  escalationId: number;
  releaseId: number;
  dedupKey: string | null;
  sourceUrl: string | null;
  /** Times the alert fired, the first included. */
  fired: number;
  lastFiredAt: Date;
};

/** The same alert fired again at `now`. */
export function firedAgain(alert: EscalationAlert, now: Date): EscalationAlert {
  return { ...alert, fired: alert.fired + 1, lastFiredAt: now };
}
