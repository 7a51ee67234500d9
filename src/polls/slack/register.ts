import type { App } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS } from '../../core/ids.ts';
import type { PollsDeps } from '../deps.ts';
import { createPollDecideHandler } from './actions/poll-decide.ts';
import { createPollVoteHandler } from './actions/poll-vote.ts';
import { createOpenGoNoGoAction } from './home-actions.ts';
import { createPollDecideSubmissionHandler } from './submissions/poll-decide-submission.ts';
import { createPollVoteNoteSubmissionHandler } from './submissions/poll-vote-note-submission.ts';

/** Go/no-go and rollback polls: the vote and decide buttons and their forms. */
export function registerPollListeners(app: App, deps: PollsDeps): void {
  app.action(ACTION_IDS.pollVoteGo, createPollVoteHandler(deps, 'go'));
  app.action(ACTION_IDS.pollVoteConditions, createPollVoteHandler(deps, 'go_with_conditions'));
  app.action(ACTION_IDS.pollVoteNoGo, createPollVoteHandler(deps, 'no_go'));
  app.action(ACTION_IDS.pollDecideGo, createPollDecideHandler(deps, 'go'));
  app.action(ACTION_IDS.pollDecideNoGo, createPollDecideHandler(deps, 'no_go'));
  app.action(ACTION_IDS.pollOpenGoNoGo, createOpenGoNoGoAction(deps));
  // Link buttons on the App Home: Slack still sends the click, which needs an ack.
  app.action(/^home_link_/, async ({ ack }) => ack());
  app.view(CALLBACK_IDS.pollVoteNote, createPollVoteNoteSubmissionHandler(deps));
  app.view(CALLBACK_IDS.pollDecide, createPollDecideSubmissionHandler(deps));
}
