import type { App } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS } from '../../core/ids.ts';
import type { EscalationDeps } from '../deps.ts';
import {
  createAcknowledgeEscalationHandler,
  createEscalateEscalationHandler,
  createResolveEscalationHandler,
} from './actions/escalation-buttons.ts';
import {
  createConfigureLevelsSubmissionHandler,
  createRaiseEscalationSubmissionHandler,
  createResolveEscalationSubmissionHandler,
} from './submissions/escalation-submissions.ts';

/** Escalation buttons (acknowledge, escalate further, resolve) and the raise and resolve forms. */
export function registerEscalationListeners(app: App, deps: EscalationDeps): void {
  app.action(ACTION_IDS.escalationAcknowledge, createAcknowledgeEscalationHandler(deps));
  app.action(ACTION_IDS.escalationEscalate, createEscalateEscalationHandler(deps));
  app.action(ACTION_IDS.escalationResolve, createResolveEscalationHandler(deps));
  app.view(CALLBACK_IDS.raiseEscalation, createRaiseEscalationSubmissionHandler(deps));
  app.view(CALLBACK_IDS.resolveEscalation, createResolveEscalationSubmissionHandler(deps));
  app.view(CALLBACK_IDS.configureEscalation, createConfigureLevelsSubmissionHandler(deps));
}
