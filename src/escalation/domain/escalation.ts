/**
 * Escalation through the three levels of the source documents' Escalation Path: team, management, executive. The
 * level rules and categories are DATA; the workflow is a tagged union with pure transitions. Time is a parameter.
 */

export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const TOP_LEVEL: EscalationLevel = 3;

/** What belongs to each level (000 "Escalation Path"; 002 "Escalate to leadership when"). */
export const LEVEL_RULES: Record<EscalationLevel, { name: string; belongs: readonly string[] }> = {
  1: {
    name: 'Team',
    belongs: ['Minor issues resolved within the team', 'Standard operating procedures apply'],
  },
  2: {
    name: 'Management',
    belongs: ['Significant delays or blockers', 'Budget or resource constraints', 'Cross-team coordination issues'],
  },
  3: {
    name: 'Executive',
    belongs: [
      'Critical system failures',
      'Major security incidents',
      'Regulatory compliance issues',
      'Customer-impacting outages',
      'Data loss',
    ],
  },
};

/** How long a level waits for an acknowledgement before the bot escalates further (or re-pings at the top). */
export const DEFAULT_ACK_MS: Record<EscalationLevel, number> = { 1: 30 * 60_000, 2: 15 * 60_000, 3: 10 * 60_000 };

/** Categories and their default level, exactly as commands.md lists them. */
export const ESCALATION_CATEGORIES = {
  minor: { label: 'Minor issue', level: 1 },
  delay: { label: 'Significant delay', level: 2 },
  blocker: { label: 'Blocker', level: 2 },
  resources: { label: 'Resource constraint', level: 2 },
  budget: { label: 'Budget constraint', level: 2 },
  coordination: { label: 'Cross-team coordination', level: 2 },
  outage: { label: 'Customer-impacting outage', level: 3 },
  'system-failure': { label: 'Critical system failure', level: 3 },
  security: { label: 'Major security incident', level: 3 },
  'data-loss': { label: 'Data loss', level: 3 },
  compliance: { label: 'Regulatory compliance issue', level: 3 },
} as const satisfies Record<string, { label: string; level: EscalationLevel }>;
export type EscalationCategory = keyof typeof ESCALATION_CATEGORIES;
export const CATEGORY_KEYS = Object.keys(ESCALATION_CATEGORIES) as EscalationCategory[];

export function parseCategory(input: string): EscalationCategory | undefined {
  const key = input.trim().toLowerCase().replaceAll('_', '-');
  return (CATEGORY_KEYS as string[]).includes(key) ? (key as EscalationCategory) : undefined;
}

export function parseLevel(input: string | number): EscalationLevel | undefined {
  const n = typeof input === 'number' ? input : /^[123]$/.test(input.trim()) ? Number(input.trim()) : Number.NaN;
  return n === 1 || n === 2 || n === 3 ? n : undefined;
}

export function levelLabel(level: EscalationLevel): string {
  return `Level ${level} (${LEVEL_RULES[level].name})`;
}

/**
 * Where a raised escalation lands: the asked-for level, else the category's, else level 1. When that level is not
 * configured it is recorded at the highest configured level below it (level 1 always is), so nothing is dropped.
 */
export function decideRaiseLevel(
  requested: EscalationLevel | undefined,
  category: EscalationCategory | undefined,
  configured: ReadonlySet<EscalationLevel>,
): { level: EscalationLevel; wanted: EscalationLevel; missing: EscalationLevel | undefined } {
  const wanted = requested ?? (category ? ESCALATION_CATEGORIES[category].level : 1);
  let level: EscalationLevel = wanted;
  while (level > 1 && !configured.has(level)) level = (level - 1) as EscalationLevel;
  return { level, wanted, missing: level === wanted ? undefined : wanted };
}

/** The next configured level above `level`, if any (level 1 is always usable). */
export function nextConfiguredLevel(
  level: EscalationLevel,
  configured: ReadonlySet<EscalationLevel>,
): EscalationLevel | undefined {
  for (const candidate of ESCALATION_LEVELS) if (candidate > level && configured.has(candidate)) return candidate;
  return undefined;
}

// ---- workflow ---------------------------------------------------------------------------------------------------

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

/** Acknowledge: stops every pending step. A second acknowledgement counts once; after a resolve it changes nothing. */
export function acknowledge(escalation: Escalation, userId: string, now: Date): Transition<Escalation> {
  if (escalation.status === 'resolved') return { ok: false, reason: 'resolved' };
  if (escalation.status === 'acknowledged') return { ok: true, escalation, changed: false };
  const history = escalation.history.map((step, i) =>
    i === escalation.step ? { ...step, acknowledgedAt: now.toISOString(), acknowledgedBy: userId } : step,
  );
  return {
    ok: true,
    changed: true,
    escalation: { ...base(escalation), history, status: 'acknowledged', acknowledgedBy: userId, acknowledgedAt: now },
  };
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

/** Per-workspace settings of one level: where it posts, whom it pings, how long it waits. */
export type LevelSetting = {
  teamId: string;
  level: EscalationLevel;
  channelId: string;
  /** Slack user ids (`U…`) and user group ids (`S…`). */
  pings: string[];
  ackMs: number;
  updatedBy: string;
  updatedAt: Date;
};

/** The exact command that configures a level, for messages that say what to run. */
export function configureCommand(level: EscalationLevel): string {
  return `/release escalation level:${level} channel:#… ping:@… ack:${DEFAULT_ACK_MS[level] / 60_000}m`;
}
