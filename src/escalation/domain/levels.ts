/**
 * The three levels of the source documents' Escalation Path (team, management, executive), the categories and where
 * each lands, and the per-workspace level settings. The rules are DATA.
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
 * Where a raised escalation lands: the asked-for level, else the category's, else level 1. The escalation is
 * recorded at that level even when it is not configured (no silent downgrade): it is then posted at `reachable`,
 * the highest configured level below it (level 1 always is), and `missing` says which level was not set up.
 */
export function decideRaiseLevel(
  requested: EscalationLevel | undefined,
  category: EscalationCategory | undefined,
  configured: ReadonlySet<EscalationLevel>,
): { level: EscalationLevel; reachable: EscalationLevel; missing: EscalationLevel | undefined } {
  const level = requested ?? (category ? ESCALATION_CATEGORIES[category].level : 1);
  const reachable = reachableLevel(level, configured);
  return { level, reachable, missing: reachable === level ? undefined : level };
}

/** The level whose channel and pings serve `level`: itself when configured, else the highest configured below. */
export function reachableLevel(level: EscalationLevel, configured: ReadonlySet<EscalationLevel>): EscalationLevel {
  let reachable = level;
  while (reachable > 1 && !configured.has(reachable)) reachable = (reachable - 1) as EscalationLevel;
  return reachable;
}

/** The next configured level above `level`, if any (level 1 is always usable). */
export function nextConfiguredLevel(
  level: EscalationLevel,
  configured: ReadonlySet<EscalationLevel>,
): EscalationLevel | undefined {
  for (const candidate of ESCALATION_LEVELS) if (candidate > level && configured.has(candidate)) return candidate;
  return undefined;
}

/** Where a level's settings come from for one release. */
export type LevelSource = 'default' | 'workspace' | 'release';

/** Settings of one level, for the workspace (`releaseId` absent) or one release: where it posts, whom, how long. */
export type LevelSetting = {
  teamId: string;
  level: EscalationLevel;
  channelId: string;
  /** Slack user ids (`U…`) and user group ids (`S…`). */
  pings: string[];
  ackMs: number;
  /** Quiet hours: the climb timer runs only within `HH:MM-HH:MM` on `days` (`mon-fri`); absent = the default. */
  hours?: string;
  days?: string;
  updatedBy: string;
  updatedAt: Date;
};

/** A release's own override of one level, set by its Release Manager. */
export type ReleaseLevelSetting = LevelSetting & { releaseId: number };

/** The exact command that configures a level, for messages that say what to run. */
export function configureCommand(level: EscalationLevel, scope: 'release' | 'workspace' = 'workspace'): string {
  const base = `/release escalation level:${level} channel:#… ping:@… ack:${DEFAULT_ACK_MS[level] / 60_000}m`;
  return scope === 'workspace' ? `${base} scope:workspace` : base;
}
