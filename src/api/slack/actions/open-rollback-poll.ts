import { createOpenPollButtonHandler } from '../../../polls/index.ts';
import type { ApiDeps } from '../../deps.ts';

/**
 * "Open the rollback poll" on a failed production deployment: the rollback decision, opened by whoever clicked as
 * `/release rollback` would (the Release Manager, Tech Lead or DevOps; anyone else is told who may).
 */
export function createOpenRollbackHandler(deps: ApiDeps) {
  return createOpenPollButtonHandler(deps, {
    activity: 'rollback',
    command: '/release rollback',
    what: 'The rollback decision',
  });
}
