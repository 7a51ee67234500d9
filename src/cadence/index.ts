/**
 * The cadence module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { CadenceDeps } from './deps.ts';
export { CADENCE_SUBCOMMANDS } from './slack/commands/cadence-commands.ts';
export { createRetroMessenger } from './slack/gateways/retro.ts';
export { createRiskReporter } from './slack/gateways/risks.ts';
export { createStandupMessenger } from './slack/gateways/standups.ts';
export { cadenceHomeActions } from './slack/home-actions.ts';
export { registerCadenceListeners } from './slack/register.ts';
export { scheduleStatusSection } from './slack/status-section.ts';
export { createCadenceStore } from './store/cadence-store.ts';
export { createRetroStore } from './store/retro-store.ts';
export { createRiskStore } from './store/risk-store.ts';
export { createStandupStore } from './store/standup-store.ts';
export { replanCadence, riskGateEvents } from './usecases/cadence-contributions.ts';
export {
  RETRO_TIMERS,
  retroItemsOf,
  retroPromptTimer,
  retroSummaryTimer,
  scheduleRetrospectiveWhenEnded,
} from './usecases/retrospective.ts';
export { riskReadinessProvider } from './usecases/risk-readiness.ts';
export { RISK_CHARTS_TIMER, RISK_REPORT_TIMER, riskChartsTimer, riskReportTimer } from './usecases/risk-report.ts';
export {
  loadRiskReview,
  RISK_REVIEW_RENDER_TIMER,
  riskReviewRenderTimer,
  scheduleRiskReviewRender,
} from './usecases/risk-review.ts';
export { overdueRisksWaiting } from './usecases/risks.ts';
export { runCadence } from './usecases/run-cadence.ts';
export { standupMetricsSource, standupRecordSection } from './usecases/standup-reporting.ts';
export { remindStandup, STANDUP_TIMERS, standupWaiting, summarizeStandupNow } from './usecases/standups.ts';
