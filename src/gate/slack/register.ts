import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../core/ids.ts';
import type { GateDeps } from '../deps.ts';
import { createConfirmGoHandler } from './actions/confirm-go.ts';
import { createReopenPollHandler } from './actions/reopen-poll.ts';

/** The deployment gate's buttons: re-confirm a stale Go (and ship), or reopen the go/no-go. */
export function registerGateListeners(app: App, deps: GateDeps): void {
  app.action(ACTION_IDS.gateConfirmGo, createConfirmGoHandler(deps));
  app.action(ACTION_IDS.gateReopenPoll, createReopenPollHandler(deps));
}
