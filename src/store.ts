import { createCadenceStore, createRetroStore, createRiskStore, createStandupStore } from './cadence/index.ts';
import type { Store } from './deps.ts';
import { createEscalationStore } from './escalation/index.ts';
import { createDecisionStore, createGovernanceStore } from './governance/index.ts';
import { createAuditLog } from './platform/store/audit-log.ts';
import type { OpenDatabase } from './platform/store/database.ts';
import { createTimerStore } from './platform/store/timer-store.ts';
import { createPollStore } from './polls/index.ts';
import { createReleaseStore } from './releases/index.ts';

export function createStore({ db, sqlite }: Pick<OpenDatabase, 'db' | 'sqlite'>): Store {
  // better-sqlite3 turns a nested call into a savepoint, so use cases may call `transaction` freely.
  const transaction = <T>(fn: () => T): T => sqlite.transaction(fn).immediate();
  const releases = createReleaseStore(db);
  return {
    releases,
    decisions: createDecisionStore(db),
    escalations: createEscalationStore(db),
    governance: createGovernanceStore(db),
    polls: createPollStore(db),
    audit: createAuditLog(db),
    timers: createTimerStore(db, transaction),
    cadence: createCadenceStore(db, transaction, releases),
    standups: createStandupStore(db),
    risks: createRiskStore(db),
    retros: createRetroStore(db),
    transaction,
  };
}
