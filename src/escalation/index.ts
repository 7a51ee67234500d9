/**
 * The escalation module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { EscalationDeps } from './deps.ts';
export { ESCALATION_SUBCOMMANDS } from './slack/commands/escalation-commands.ts';
export { createEscalationDirectory } from './slack/gateways/escalation-directory.ts';
export { createEscalationPager } from './slack/gateways/escalation-pager.ts';
export { registerEscalationListeners } from './slack/register.ts';
export { escalationLevelsNote, escalationStatusSection } from './slack/status-section.ts';
export { buildRaiseEscalationModal } from './slack/views/escalation.ts';
export { createEscalationStore } from './store/escalation-store.ts';
export { ESCALATION_DELIVERY_TIMER, ESCALATION_STEP_TIMER } from './usecases/escalation-delivery.ts';
export { escalationGateEvents } from './usecases/escalation-gate-events.ts';
export { escalationReadinessProvider } from './usecases/escalation-readiness.ts';
export {
  escalationMetricsSource,
  escalationRecordSection,
  escalationRiskReportExtra,
} from './usecases/escalation-reporting.ts';
export {
  escalationHomeAudience,
  escalationsAwaitingAcknowledgement,
  escalationsPagedFor,
} from './usecases/escalation-waiting.ts';
export { MAX_DEDUP_KEY, MAX_SUMMARY, raiseEscalation } from './usecases/raise-escalation.ts';
export { runEscalationDelivery } from './usecases/run-escalation-delivery.ts';
export { runEscalationStep } from './usecases/run-escalation-step.ts';
