import { apiContract } from './api.ts';
import { cadenceContract } from './cadence.ts';
import { concurrencyContract } from './concurrency.ts';
import { escalationContract } from './escalation.ts';
import { githubContract } from './github.ts';
import { governanceContract } from './governance.ts';
import type { StoreHarness } from './harness.ts';
import { homeContract } from './homes.ts';
import { intentContract } from './intents.ts';
import { interactionContract } from './interactions.ts';
import { pollContract } from './polls.ts';
import { releaseContract } from './releases.ts';
import { timerContract } from './timers.ts';
import { transactionContract } from './transactions.ts';

export type { OpenedStore, StoreHarness } from './harness.ts';

/**
 * The store contract: what every implementation of the store ports must answer, written once and run against each
 * database. Read the SQLite stores for why each answer is what it is; the PostgreSQL stores must not differ.
 */
export function storeContract(harness: StoreHarness): void {
  releaseContract(harness);
  homeContract(harness);
  timerContract(harness);
  intentContract(harness);
  cadenceContract(harness);
  governanceContract(harness);
  escalationContract(harness);
  pollContract(harness);
  interactionContract(harness);
  apiContract(harness);
  githubContract(harness);
  transactionContract(harness);
  concurrencyContract(harness);
}
