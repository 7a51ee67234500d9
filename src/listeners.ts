import type { App } from '@slack/bolt';
import type { Deps } from '../../usecases/deps.ts';
import { SUBCOMMANDS } from '../commands/registry.ts';
import { ACTION_IDS, CALLBACK_IDS, COMMAND, EVENTS } from '../ids.ts';
import {
  createRetroAnswerAction,
  createRiskReviewAction,
  createRiskUpdateAction,
  createStandupAnswerAction,
  createStandupEscalateAction,
  createWeeklyNoteAction,
} from './actions/cadence.ts';
import { createChecklistTickHandler } from './actions/checklist-tick.ts';
import { createChecklistUntickHandler } from './actions/checklist-untick.ts';
import {
  createAcknowledgeEscalationHandler,
  createEscalateEscalationHandler,
  createResolveEscalationHandler,
} from './actions/escalation-buttons.ts';
import { createHandoffStepHandler } from './actions/handoff-step.ts';
import { createPollDecideHandler } from './actions/poll-decide.ts';
import { createPollVoteHandler } from './actions/poll-vote.ts';
import { createScopeAgreeHandler } from './actions/scope-agree.ts';
import { createReleaseCommandHandler } from './commands/release.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import {
  createRetroSubmission,
  createRiskSubmission,
  createStandupAnswerSubmission,
  createWeeklyNoteSubmission,
} from './views/cadence-submissions.ts';
import { createChecklistEvidenceSubmissionHandler } from './views/checklist-evidence-submission.ts';

import { createCreateReleaseSubmissionHandler } from './views/create-release-submission.ts';
import {
  createRaiseEscalationSubmissionHandler,
  createResolveEscalationSubmissionHandler,
} from './views/escalation-submissions.ts';
import { createPollDecideSubmissionHandler } from './views/poll-decide-submission.ts';
import { createPollVoteNoteSubmissionHandler } from './views/poll-vote-note-submission.ts';

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
  // Release governance: checklist, handoffs, joint decisions.
  app.action(ACTION_IDS.checklistTick, createChecklistTickHandler(deps));
  app.action(ACTION_IDS.checklistUntick, createChecklistUntickHandler(deps));
  app.view(CALLBACK_IDS.checklistEvidence, createChecklistEvidenceSubmissionHandler(deps));
  app.action(ACTION_IDS.handoffSignOff, createHandoffStepHandler(deps, 'sign_off'));
  app.action(ACTION_IDS.handoffConfirm, createHandoffStepHandler(deps, 'confirm'));
  app.action(ACTION_IDS.scopeAgree, createScopeAgreeHandler(deps));
  app.action(ACTION_IDS.pollVoteGo, createPollVoteHandler(deps, 'go'));
  app.action(ACTION_IDS.pollVoteConditions, createPollVoteHandler(deps, 'go_with_conditions'));
  app.action(ACTION_IDS.pollVoteNoGo, createPollVoteHandler(deps, 'no_go'));
  app.action(ACTION_IDS.pollDecideGo, createPollDecideHandler(deps, 'go'));
  app.action(ACTION_IDS.pollDecideNoGo, createPollDecideHandler(deps, 'no_go'));
  app.view(CALLBACK_IDS.pollVoteNote, createPollVoteNoteSubmissionHandler(deps));
  app.view(CALLBACK_IDS.pollDecide, createPollDecideSubmissionHandler(deps));
  // Cadence: standups, risks, retrospectives.
  app.action(ACTION_IDS.standupAnswer, createStandupAnswerAction(deps));
  app.action(ACTION_IDS.standupEscalate, createStandupEscalateAction(deps));
  app.action(ACTION_IDS.riskUpdate, createRiskUpdateAction(deps));
  app.action(ACTION_IDS.riskStillValid, createRiskReviewAction(deps, 'valid'));
  app.action(ACTION_IDS.riskMitigated, createRiskReviewAction(deps, 'mitigated'));
  app.action(ACTION_IDS.weeklyNote, createWeeklyNoteAction(deps));
  app.action(ACTION_IDS.retroAnswer, createRetroAnswerAction(deps));
  app.view(CALLBACK_IDS.standupAnswer, createStandupAnswerSubmission(deps));
  app.view(CALLBACK_IDS.riskAdd, createRiskSubmission(deps));
  app.view(CALLBACK_IDS.riskUpdate, createRiskSubmission(deps));
  app.view(CALLBACK_IDS.weeklyNote, createWeeklyNoteSubmission(deps));
  app.view(CALLBACK_IDS.retroAnswer, createRetroSubmission(deps));
}
