import { createPostgresApiStore } from './api/store/postgres/api-store.ts';
import { createPostgresCadenceStore } from './cadence/store/postgres/cadence-store.ts';
import { createPostgresRetroStore } from './cadence/store/postgres/retro-store.ts';
import { createPostgresRiskStore } from './cadence/store/postgres/risk-store.ts';
import { createPostgresStandupStore } from './cadence/store/postgres/standup-store.ts';
import type { Store } from './deps.ts';
import { createPostgresEscalationStore } from './escalation/store/postgres/escalation-store.ts';
import { createPostgresGithubStore } from './github/store/postgres/github-store.ts';
import { createPostgresDecisionStore } from './governance/store/postgres/decision-store.ts';
import { createPostgresGovernanceStore } from './governance/store/postgres/governance-store.ts';
import { createPostgresAuditLog } from './platform/store/postgres/audit-log.ts';
import {
  openPostgresDatabase,
  type PostgresDatabase,
  type PostgresOptions,
} from './platform/store/postgres/database.ts';
import { createPostgresInteractionStore } from './platform/store/postgres/interaction-store.ts';
import { createPostgresPostIntentStore } from './platform/store/postgres/post-intent-store.ts';
import { createPostgresRenderLeaseStore } from './platform/store/postgres/render-lease-store.ts';
import { createPostgresTimerStore } from './platform/store/postgres/timer-store.ts';
import { createPostgresPollStore } from './polls/store/postgres/poll-store.ts';
import { createPostgresHomeStore } from './releases/store/postgres/home-store.ts';
import { createPostgresReleaseStore } from './releases/store/postgres/release-store.ts';

/**
 * Every store over one PostgreSQL database: `createStore`'s twin (`store.ts`). This file, and only it, loads `pg`;
 * the composition root imports it lazily when `DATABASE_URL` is set. It reaches the PostgreSQL stores directly rather
 * than through the module entries, so that a bot on SQLite never loads them.
 */
export function createPostgresStore(database: PostgresDatabase): Store {
  return {
    releases: createPostgresReleaseStore(database),
    homes: createPostgresHomeStore(database),
    decisions: createPostgresDecisionStore(database),
    escalations: createPostgresEscalationStore(database),
    governance: createPostgresGovernanceStore(database),
    polls: createPostgresPollStore(database),
    audit: createPostgresAuditLog(database),
    timers: createPostgresTimerStore(database),
    interactions: createPostgresInteractionStore(database),
    intents: createPostgresPostIntentStore(database),
    renders: createPostgresRenderLeaseStore(database),
    cadence: createPostgresCadenceStore(database),
    standups: createPostgresStandupStore(database),
    risks: createPostgresRiskStore(database),
    retros: createPostgresRetroStore(database),
    api: createPostgresApiStore(database),
    github: createPostgresGithubStore(database),
    transaction: database.transaction,
    read: database.read,
  };
}

/** Opens and migrates the database at `url` (under an advisory lock) and builds the store on it. */
export async function openPostgresStore(
  url: string,
  options: PostgresOptions = {},
): Promise<{ store: Store; database: PostgresDatabase }> {
  const database = await openPostgresDatabase(url, options);
  return { store: createPostgresStore(database), database };
}
