import type { EscalationDeps } from '../escalation/index.ts';
import type {
  CadenceStore,
  RetroMessenger,
  RetroStore,
  RiskReporter,
  RiskStore,
  StandupMessenger,
  StandupStore,
} from './ports.ts';

/** What the cadence module's use cases need: escalation (a standup blocker can be escalated) and its own stores. */
export type CadenceDeps = EscalationDeps & {
  store: { cadence: CadenceStore; standups: StandupStore; risks: RiskStore; retros: RetroStore };
  /** How late a missed scheduled run (standup, weekly review) may still be made; later ones are recorded as missed. */
  catchUpGraceMs: number;
  standupMessenger: StandupMessenger;
  riskReporter: RiskReporter;
  retroMessenger: RetroMessenger;
};
