/**
 * The governance module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { GovernanceDeps } from './deps.ts';
export { GOVERNANCE_SUBCOMMANDS } from './slack/commands/governance-commands.ts';
export { checklistHomeActions } from './slack/home-actions.ts';
export { registerGovernanceListeners } from './slack/register.ts';
export { checklistStatusSection } from './slack/status-section.ts';
export { buildOverrideAnnouncement } from './slack/views/checklist.ts';
export { buildDecisionLogMessage } from './slack/views/decision-log.ts';
export { createDecisionStore } from './store/decision-store.ts';
export { createGovernanceStore } from './store/governance-store.ts';
export { checklistReadinessProvider } from './usecases/checklist-readiness.ts';
export { checklistOf, createChecklist } from './usecases/get-checklist.ts';
export type { ChecklistGateResult } from './usecases/get-checklist-gate.ts';
export { checklistWaitingProvider, getChecklistGate } from './usecases/get-checklist-gate.ts';
export { checklistGateEvents, rescheduleRetroItems } from './usecases/governance-contributions.ts';
export { listDecisions } from './usecases/list-decisions.ts';
export { recordChecklistOverride, recordOverride } from './usecases/record-checklist-override.ts';
export { rescheduleRelease } from './usecases/reschedule-release.ts';
export { recordPipelineCheck, untickChecklistItem } from './usecases/tick-checklist-item.ts';
