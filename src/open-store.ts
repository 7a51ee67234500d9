import type { Config } from './config.ts';
import type { Logger } from './core/ports.ts';
import type { Store } from './deps.ts';
import { openDatabase } from './platform/store/database.ts';
import { createStore } from './store.ts';

/** How long `/healthz` waits for the database before calling it unreachable. */
const HEALTH_TIMEOUT_MS = 2000;

export type OpenStore = {
  store: Store;
  /** Undefined when the database answers a trivial query within the timeout; otherwise why not, in a few words. */
  check: () => Promise<string | undefined>;
  close: () => Promise<void>;
};

/**
 * Opens the configured database and the store over it: PostgreSQL when `DATABASE_URL` is set, the SQLite file
 * otherwise. Either way the database is migrated before this returns.
 */
export async function openStore(
  config: Pick<Config, 'databasePath' | 'databaseUrl'>,
  logger: Logger,
): Promise<OpenStore> {
  if (config.databaseUrl) {
    // Imported only here, so that a bot on SQLite never loads pg or the PostgreSQL stores.
    const { openPostgresStore } = await import('./postgres-store.ts');
    const { store, database } = await openPostgresStore(config.databaseUrl, {
      onIdleError: (error) => logger.warn('an idle PostgreSQL connection failed; the pool replaces it', error),
    });
    return {
      store,
      check: () =>
        database.ping(HEALTH_TIMEOUT_MS).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      close: () => database.close(),
    };
  }
  const database = openDatabase(config.databasePath);
  return { store: createStore(database), check: async () => database.check(), close: async () => database.close() };
}
