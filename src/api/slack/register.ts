import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../core/ids.ts';
import type { ApiDeps } from '../deps.ts';
import { createOpenRollbackHandler } from './actions/open-rollback-poll.ts';

/** The pipeline API's one button: open the rollback poll from a failed deployment. */
export function registerApiListeners(app: App, deps: ApiDeps): void {
  app.action(ACTION_IDS.pipelineOpenRollback, createOpenRollbackHandler(deps));
}
