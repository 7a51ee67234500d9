import type { App } from '@slack/bolt';
import { registerApiListeners } from './api/index.ts';
import { registerCadenceListeners } from './cadence/index.ts';
import { SUBCOMMANDS } from './commands.ts';
import { COMMAND } from './core/ids.ts';
import type { Deps } from './deps.ts';
import { registerEscalationListeners } from './escalation/index.ts';
import { registerGateListeners } from './gate/index.ts';
import { registerGovernanceListeners } from './governance/index.ts';
import { createReleaseCommandHandler } from './platform/slack/commands/release-command-handler.ts';
import { indexListeners } from './platform/slack/listener-index.ts';
import { registerPollListeners } from './polls/index.ts';
import { registerReleaseListeners } from './releases/index.ts';
import { registerReportingListeners } from './reporting/index.ts';

/** Every Slack surface the bot answers, module by module (the manifest test checks this against manifest.json). */
export function registerListeners(boltApp: App, deps: Deps): void {
  // Actions and views by id through one map, not one Bolt listener each (src/platform/slack/listener-index.ts).
  const app = indexListeners(boltApp);
  app.command(COMMAND, createReleaseCommandHandler(deps, SUBCOMMANDS));
  registerReleaseListeners(app, deps);
  registerEscalationListeners(app, deps);
  registerGovernanceListeners(app, deps);
  registerPollListeners(app, deps);
  registerCadenceListeners(app, deps);
  registerGateListeners(app, deps);
  registerApiListeners(app, deps);
  registerReportingListeners(app, deps);
}
