import type { App } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS } from '../../core/ids.ts';
import type { GovernanceDeps } from '../deps.ts';
import { createChecklistTickHandler } from './actions/checklist-tick.ts';
import { createChecklistUntickHandler } from './actions/checklist-untick.ts';
import { createHandoffStepHandler } from './actions/handoff-step.ts';
import { createScopeAgreeHandler } from './actions/scope-agree.ts';
import { createChecklistEvidenceSubmissionHandler } from './submissions/checklist-evidence-submission.ts';

/** Release governance: checklist ticks, handoff steps, joint decisions. */
export function registerGovernanceListeners(app: App, deps: GovernanceDeps): void {
  app.action(ACTION_IDS.checklistTick, createChecklistTickHandler(deps));
  app.action(ACTION_IDS.checklistUntick, createChecklistUntickHandler(deps));
  app.view(CALLBACK_IDS.checklistEvidence, createChecklistEvidenceSubmissionHandler(deps));
  app.action(ACTION_IDS.handoffSignOff, createHandoffStepHandler(deps, 'sign_off'));
  app.action(ACTION_IDS.handoffConfirm, createHandoffStepHandler(deps, 'confirm'));
  app.action(ACTION_IDS.scopeAgree, createScopeAgreeHandler(deps));
}
