import type { App } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS, EVENTS } from '../../core/ids.ts';
import type { ReleasesDeps } from '../deps.ts';
import { createRolesOpenAction } from './actions/roles-open.ts';
import { createAppHomeOpenedHandler } from './events/app-home-opened.ts';
import { createCreateReleaseSubmissionHandler } from './submissions/create-release-submission.ts';
import { createRolesSubmissionHandler } from './submissions/roles-submission.ts';

/** The releases module's Slack surface beside its subcommands: the create and roles forms (and the button that opens the latter) and the App Home. */
export function registerReleaseListeners(app: App, deps: ReleasesDeps): void {
  app.view(CALLBACK_IDS.createRelease, createCreateReleaseSubmissionHandler(deps));
  app.view(CALLBACK_IDS.assignRoles, createRolesSubmissionHandler(deps));
  app.action(ACTION_IDS.rolesOpen, createRolesOpenAction(deps));
  app.event(EVENTS.appHomeOpened, createAppHomeOpenedHandler(deps));
}
