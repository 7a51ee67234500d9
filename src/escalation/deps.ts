import type { ReleasesDeps } from '../releases/index.ts';
import type { EscalationPager, EscalationStore } from './ports.ts';

/** What the escalation module's use cases need. */
export type EscalationDeps = ReleasesDeps & {
  store: { escalations: EscalationStore };
  /** Posts and updates escalation messages. */
  escalationPager: EscalationPager;
  /** Escalations older than this are never auto-escalated again (ESCALATION_MAX_AGE). */
  escalationMaxAgeMs: number;
};
