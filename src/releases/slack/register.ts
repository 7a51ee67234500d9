import type { App } from '@slack/bolt';
import { CALLBACK_IDS, EVENTS } from '../../core/ids.ts';
import type { ReleasesDeps } from '../deps.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import { createCreateReleaseSubmissionHandler } from './submissions/create-release-submission.ts';

/** The releases module's Slack surface beside its subcommands: the create form and the App Home. */
export function registerReleaseListeners(app: App, deps: ReleasesDeps): void {
  app.view(CALLBACK_IDS.createRelease, createCreateReleaseSubmissionHandler(deps));
  app.event(EVENTS.appHomeOpened, createAppHomeOpenedHandler(deps));
}
