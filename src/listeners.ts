import type { App } from '@slack/bolt';
import {
  createRetroAnswerAction,
  createRiskReviewAction,
  createRiskUpdateAction,
  createStandupAnswerAction,
  createStandupEscalateAction,
  createWeeklyNoteAction,
} from './cadence/slack/actions/cadence.ts';
import {
  createRetroSubmission,
  createRiskSubmission,
  createStandupAnswerSubmission,
  createWeeklyNoteSubmission,
} from './cadence/slack/submissions/cadence-submissions.ts';
import { SUBCOMMANDS } from './commands.ts';
import type { Deps } from './core/deps.ts';
import { ACTION_IDS, CALLBACK_IDS, COMMAND, EVENTS } from './core/ids.ts';
import {
  createAcknowledgeEscalationHandler,
  createEscalateEscalationHandler,
  createResolveEscalationHandler,
} from './escalation/slack/actions/escalation-buttons.ts';
import {
  createRaiseEscalationSubmissionHandler,
  createResolveEscalationSubmissionHandler,
} from './escalation/slack/submissions/escalation-submissions.ts';
import { createChecklistTickHandler } from './governance/slack/actions/checklist-tick.ts';
import { createChecklistUntickHandler } from './governance/slack/actions/checklist-untick.ts';
import { createHandoffStepHandler } from './governance/slack/actions/handoff-step.ts';
import { createScopeAgreeHandler } from './governance/slack/actions/scope-agree.ts';
import { createChecklistEvidenceSubmissionHandler } from './governance/slack/submissions/checklist-evidence-submission.ts';
import { createReleaseCommandHandler } from './platform/slack/commands/release-command-handler.ts';
import { createPollDecideHandler } from './polls/slack/actions/poll-decide.ts';
import { createPollVoteHandler } from './polls/slack/actions/poll-vote.ts';
import { createPollDecideSubmissionHandler } from './polls/slack/submissions/poll-decide-submission.ts';
import { createPollVoteNoteSubmissionHandler } from './polls/slack/submissions/poll-vote-note-submission.ts';
import { createAppHomeOpenedHandler } from './releases/slack/events/app-home-opened.ts';
import { createCreateReleaseSubmissionHandler } from './releases/slack/submissions/create-release-submission.ts';

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
