import type {
  Clock,
  EscalationPager,
  Logger,
  PollMessenger,
  RetroMessenger,
  RiskReporter,
  StandupMessenger,
  Store,
  UserDirectory,
} from './ports.ts';

/** What every use case may use. Adapters are built in the composition root and passed in. */
export type Deps = {
  store: Store;
  clock: Clock;
  users: UserDirectory;
  logger: Logger;
  /** Used when neither the command nor the creator's Slack profile gives a time zone. */
  defaultTimeZone: string;
  /** Posts and updates escalation messages. */
  escalationPager: EscalationPager;
  /** Escalations older than this are never auto-escalated again (ESCALATION_MAX_AGE). */
  escalationMaxAgeMs: number;
  /** Posts and refreshes go/no-go and rollback poll messages. */
  pollMessenger: PollMessenger;
  /** How late a missed scheduled run (standup, weekly review) may still be made; later ones are recorded as missed. */
  catchUpGraceMs: number;
  standupMessenger: StandupMessenger;
  riskReporter: RiskReporter;
  retroMessenger: RetroMessenger;
};

/** An expected failure: a sentence for the person who asked, in mrkdwn, saying what was wrong. */
export type Failure = { ok: false; message: string };

export function fail(message: string): Failure {
  return { ok: false, message };
}
