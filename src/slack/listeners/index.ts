import type { App } from '@slack/bolt';
import type { Deps } from '../../usecases/deps.ts';
import { SUBCOMMANDS } from '../commands/registry.ts';
import { ACTION_IDS, CALLBACK_IDS, COMMAND, EVENTS } from '../ids.ts';
import { createPollDecideHandler } from './actions/poll-decide.ts';
import { createPollVoteHandler } from './actions/poll-vote.ts';
import { createReleaseCommandHandler } from './commands/release.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import { createCreateReleaseSubmissionHandler } from './views/create-release-submission.ts';
import { createPollDecideSubmissionHandler } from './views/poll-decide-submission.ts';
import { createPollVoteNoteSubmissionHandler } from './views/poll-vote-note-submission.ts';

/** Every Slack surface the bot answers, wired explicitly (the manifest test checks this list against manifest.json). */
export function registerListeners(app: App, deps: Deps): void {
  app.command(COMMAND, createReleaseCommandHandler(deps, SUBCOMMANDS));
  app.view(CALLBACK_IDS.createRelease, createCreateReleaseSubmissionHandler(deps));
  app.event(EVENTS.appHomeOpened, createAppHomeOpenedHandler(deps));
  app.action(ACTION_IDS.pollVoteGo, createPollVoteHandler(deps, 'go'));
  app.action(ACTION_IDS.pollVoteConditions, createPollVoteHandler(deps, 'go_with_conditions'));
  app.action(ACTION_IDS.pollVoteNoGo, createPollVoteHandler(deps, 'no_go'));
  app.action(ACTION_IDS.pollDecideGo, createPollDecideHandler(deps, 'go'));
  app.action(ACTION_IDS.pollDecideNoGo, createPollDecideHandler(deps, 'no_go'));
  app.view(CALLBACK_IDS.pollVoteNote, createPollVoteNoteSubmissionHandler(deps));
  app.view(CALLBACK_IDS.pollDecide, createPollDecideSubmissionHandler(deps));
}
