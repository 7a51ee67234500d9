import type { App } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS } from '../../core/ids.ts';
import type { CadenceDeps } from '../deps.ts';
import {
  createRetroAnswerAction,
  createRiskReviewAction,
  createRiskUpdateAction,
  createStandupAnswerAction,
  createStandupAwayAction,
  createStandupConfigureAction,
  createStandupEscalateAction,
  createWeeklyNoteAction,
} from './actions/cadence.ts';
import {
  createRetroSubmission,
  createRiskSubmission,
  createStandupAnswerSubmission,
  createStandupConfigSubmission,
  createWeeklyNoteSubmission,
} from './submissions/cadence-submissions.ts';

/** Cadence: standup answers and escalations, risk updates and reviews, weekly notes, retrospective answers. */
export function registerCadenceListeners(app: App, deps: CadenceDeps): void {
  app.action(ACTION_IDS.standupAnswer, createStandupAnswerAction(deps));
  app.action(ACTION_IDS.standupAway, createStandupAwayAction(deps));
  app.action(ACTION_IDS.standupConfigure, createStandupConfigureAction(deps));
  app.view(CALLBACK_IDS.standupConfig, createStandupConfigSubmission(deps));
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
