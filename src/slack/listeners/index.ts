import type { App } from '@slack/bolt';
import type { Deps } from '../../usecases/deps.ts';
import { SUBCOMMANDS } from '../commands/registry.ts';
import { CALLBACK_IDS, COMMAND, EVENTS } from '../ids.ts';
import { createReleaseCommandHandler } from './commands/release.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import { createCreateReleaseSubmissionHandler } from './views/create-release-submission.ts';

/** Every Slack surface the bot answers, wired explicitly (the manifest test checks this list against manifest.json). */
export function registerListeners(app: App, deps: Deps): void {
  app.command(COMMAND, createReleaseCommandHandler(deps, SUBCOMMANDS));
  app.view(CALLBACK_IDS.createRelease, createCreateReleaseSubmissionHandler(deps));
  app.event(EVENTS.appHomeOpened, createAppHomeOpenedHandler(deps));
}
