import { createApiStore } from './api/index.ts';
import { createCadenceStore, createRetroStore, createRiskStore, createStandupStore } from './cadence/index.ts';
import type { Store } from './deps.ts';
import { createEscalationStore } from './escalation/index.ts';
import { createGithubStore } from './github/index.ts';
import { createDecisionStore, createGovernanceStore } from './governance/index.ts';
import { createAuditLog } from './platform/store/audit-log.ts';
import type { OpenDatabase } from './platform/store/database.ts';
import { createInteractionStore } from './platform/store/interaction-store.ts';
import { createPostIntentStore } from './platform/store/post-intent-store.ts';
import { createRenderLeaseStore } from './platform/store/render-lease-store.ts';
import { createSqliteTransactions } from './platform/store/sqlite-transactions.ts';
import { createTimerStore } from './platform/store/timer-store.ts';
import { createPollStore } from './polls/index.ts';
import { createHomeStore, createReleaseStore, releaseQueries } from './releases/index.ts';

export function createStore({ db, sqlite }: Pick<OpenDatabase, 'db' | 'sqlite'>): Store {
  // One connection for every store: they all go through the same transactions and the same `run`.
  const { transaction, read, run, immediate } = createSqliteTransactions(sqlite);
  return {
    releases: createReleaseStore(db, run),
    homes: createHomeStore(db, run),
    decisions: createDecisionStore(db, run),
    escalations: createEscalationStore(db, run),
    governance: createGovernanceStore(db, run),
    polls: createPollStore(db, run),
    audit: createAuditLog(db, run),
    timers: createTimerStore(db, run, immediate),
    interactions: createInteractionStore(db, run),
    intents: createPostIntentStore(db, run),
    renders: createRenderLeaseStore(db, run),
    cadence: createCadenceStore(db, run, immediate, releaseQueries(db)),
    standups: createStandupStore(db, run),
    risks: createRiskStore(db, run),
    retros: createRetroStore(db, run),
    api: createApiStore(db, run),
    github: createGithubStore(db, run),
    transaction,
    read,
  };
}
