import type { App } from '@slack/bolt';
import type { Deps } from '../../usecases/deps.ts';
import { SUBCOMMANDS } from '../commands/registry.ts';
import { ACTION_IDS, CALLBACK_IDS, COMMAND, EVENTS } from '../ids.ts';
import {
  createAcknowledgeEscalationHandler,
  createEscalateEscalationHandler,
  createResolveEscalationHandler,
} from './actions/escalation-buttons.ts';
import { createReleaseCommandHandler } from './commands/release.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import { createCreateReleaseSubmissionHandler } from './views/create-release-submission.ts';
import {
  createRaiseEscalationSubmissionHandler,
  createResolveEscalationSubmissionHandler,
} from './views/escalation-submissions.ts';

/** Every Slack surface the bot answers, wired explicitly (the manifest test checks this list against manifest.json). */
export function registerListeners(app: App, deps: Deps): void {
  app.command(COMMAND, createReleaseCommandHandler(deps, SUBCOMMANDS));
  app.view(CALLBACK_IDS.createRelease, createCreateReleaseSubmissionHandler(deps));
  app.event(EVENTS.appHomeOpened, createAppHomeOpenedHandler(deps));
  app.action(ACTION_IDS.escalationAcknowledge, createAcknowledgeEscalationHandler(deps));
  app.action(ACTION_IDS.escalationEscalate, createEscalateEscalationHandler(deps));
  app.action(ACTION_IDS.escalationResolve, createResolveEscalationHandler(deps));
  app.view(CALLBACK_IDS.raiseEscalation, createRaiseEscalationSubmissionHandler(deps));
  app.view(CALLBACK_IDS.resolveEscalation, createResolveEscalationSubmissionHandler(deps));
}
