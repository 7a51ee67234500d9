import { readinessChanged } from '../../../core/contributions.ts';
import { createOpenPollButtonHandler } from '../../../polls/index.ts';
import type { GateDeps } from '../../deps.ts';

/**
 * "Reopen the go/no-go" on a stale Go: a new go/no-go poll, opened by the Release Manager as `/release gonogo`
 * would. While it is open the gate is pending; its decision replaces the stale Go.
 */
export function createReopenPollHandler(deps: GateDeps) {
  return createOpenPollButtonHandler(deps, {
    activity: 'go_no_go',
    command: '/release gonogo',
    what: 'A new go/no-go',
    // The stale Go's poll now says a new poll is open.
    afterOpen: (release) => readinessChanged(deps, release.id),
  });
}
