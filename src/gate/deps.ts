import type { EscalationDeps } from '../escalation/index.ts';
import type { PollsDeps } from '../polls/index.ts';

/**
 * What the deployment gate's use cases need: polls (the go/no-go, reopened from a stale Go), governance through it
 * (the decision log, the checklist gate), releases (the lifecycle step) and escalation (an emergency ship raises a
 * level-2 notice). The gate has no tables of its own: every fact it weighs is another module's record.
 */
export type GateDeps = PollsDeps & EscalationDeps;
