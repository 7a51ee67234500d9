import type { ReleasesDeps } from '../releases/index.ts';
import type { EscalationDirectory, EscalationPager, EscalationStore } from './ports.ts';

/** What the escalation module's use cases need. */
export type EscalationDeps = ReleasesDeps & {
  store: { escalations: EscalationStore };
  /** Posts and updates escalation messages. */
  escalationPager: EscalationPager;
  /** Escalations older than this are never auto-escalated again (ESCALATION_MAX_AGE). */
  escalationMaxAgeMs: number;
  /** User group members and workspace admins, for who may acknowledge and who may set workspace defaults. */
  escalationDirectory: EscalationDirectory;
  /** When not empty, only these users may set the workspace's escalation defaults (ESCALATION_ADMINS). */
  escalationAdmins: readonly string[];
};
