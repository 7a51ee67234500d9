/**
 * The deployment gate module's entry: what other modules and the composition root may use. Everything else in the
 * folder is the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { GateDeps } from './deps.ts';
export type { DeploymentGate, GateReason, GateState } from './domain/gate.ts';
export { GATE_SUBCOMMANDS } from './slack/commands/gate-commands.ts';
export { registerGateListeners } from './slack/register.ts';
export { gateStatusSection, goPollSection } from './slack/sections.ts';
export { buildShipAnnouncement, describeReason as describeGateReason } from './slack/views/gate.ts';
export { confirmGo } from './usecases/confirm-go.ts';
export { emergencyMetricsSource, gateRetroItems, gateWaiting } from './usecases/gate-contributions.ts';
export { getDeploymentGate } from './usecases/get-deployment-gate.ts';
export { shipForPipeline } from './usecases/ship-for-pipeline.ts';
export { shipPastGate } from './usecases/ship-past-gate.ts';
export { shipRelease } from './usecases/ship-release.ts';
