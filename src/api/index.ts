/**
 * The pipeline API module's entry: what other modules and the composition root may use. Everything else in the
 * folder is the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export { createGateWatch, GATE_POLL_MS, type RunningGateWatch } from './adapters/gate-watch.ts';
export { createTokenSecrets } from './adapters/token-secrets.ts';
export type { ApiDeps } from './deps.ts';
export { type ApiServer, createApiServer, type HttpRoute } from './http/server.ts';
export type { ApiStore, GateWatch, PipelineMessenger, TokenSecrets } from './ports.ts';
export { API_SUBCOMMANDS } from './slack/commands/token-commands.ts';
export { createPipelineMessenger } from './slack/gateways/pipeline-messenger.ts';
export { registerApiListeners } from './slack/register.ts';
export { deploymentsStatusSection } from './slack/status-section.ts';
/** The rollback button on a failed production deployment; its handler is this module's. */
export { rollbackActions } from './slack/views/pipeline.ts';
export { createApiStore } from './store/api-store.ts';
export { deploymentsMetricsSource, deploymentsRecordSection } from './usecases/api-contributions.ts';
export { type AlertReport, raiseAlert } from './usecases/raise-alert.ts';
export { type CheckReport, reportCheck } from './usecases/report-check.ts';
export { type DeploymentReport, reportDeployment } from './usecases/report-deployment.ts';
export { issueApiToken } from './usecases/tokens.ts';
