import {
  createCadenceStore,
  createRetroStore,
  createRiskStore,
  createStandupStore,
} from './cadence/store/cadence-store.ts';
import type { Store } from './core/ports.ts';
import { createEscalationStore } from './escalation/store/escalation-store.ts';
import { createDecisionStore } from './governance/store/decision-store.ts';
import { createGovernanceStore } from './governance/store/governance-store.ts';
import { createAuditLog } from './platform/store/audit-log.ts';
import type { OpenDatabase } from './platform/store/database.ts';
import { createTimerStore } from './platform/store/timer-store.ts';
import { createPollStore } from './polls/store/poll-store.ts';
import { createReleaseStore } from './releases/store/release-store.ts';

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
