import type { GateDeps } from '../gate/index.ts';
import type { ApiStore, GateWatch, PipelineMessenger, TokenSecrets } from './ports.ts';

/**
 * What the pipeline API's use cases need: the deployment gate (and through it polls, governance, escalation and
 * releases), the API's store, the channel messenger, the gate watch that holds `wait` requests, and token secrets.
 */
export type ApiDeps = GateDeps & {
  store: { api: ApiStore };
  pipelineMessenger: PipelineMessenger;
  gateWatch: GateWatch;
  tokenSecrets: TokenSecrets;
};
