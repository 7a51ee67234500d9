import type { Store } from '../domain/ports.ts';
import { createAuditLog } from './audit-log.ts';
import { createCadenceStore, createRetroStore, createRiskStore, createStandupStore } from './cadence-store.ts';
import type { OpenDatabase } from './database.ts';
import { createDecisionStore } from './decision-store.ts';
import { createEscalationStore } from './escalation-store.ts';
import { createGovernanceStore } from './governance-store.ts';
import { createPollStore } from './poll-store.ts';
import { createReleaseStore } from './release-store.ts';
import { createTimerStore } from './timer-store.ts';

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
