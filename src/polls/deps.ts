import type { GovernanceDeps } from '../governance/index.ts';
import type { PollMessenger, PollStore } from './ports.ts';

/** What the polls module's use cases need: governance (the checklist gate, the decision log) and the poll store. */
export type PollsDeps = GovernanceDeps & {
  store: { polls: PollStore };
  /** Posts and refreshes go/no-go and rollback poll messages. */
  pollMessenger: PollMessenger;
};
