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
import { createReleaseCommandHandler } from './commands/release.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import {
  createRetroSubmission,
  createRiskSubmission,
  createStandupAnswerSubmission,
  createWeeklyNoteSubmission,
} from './views/cadence-submissions.ts';
import { createCreateReleaseSubmissionHandler } from './views/create-release-submission.ts';

/** Every Slack surface the bot answers, wired explicitly (the manifest test checks this list against manifest.json). */
export function registerListeners(app: App, deps: Deps): void {
  app.command(COMMAND, createReleaseCommandHandler(deps, SUBCOMMANDS));
  app.view(CALLBACK_IDS.createRelease, createCreateReleaseSubmissionHandler(deps));
  app.event(EVENTS.appHomeOpened, createAppHomeOpenedHandler(deps));
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
