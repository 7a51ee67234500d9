import type { Config } from './config.ts';
import type { Logger } from './core/ports.ts';
import type { Store } from './deps.ts';
import { openDatabase, pingSqlite } from './platform/store/database.ts';
import { createStore } from './store.ts';

/** How long `/healthz` waits for the database before calling it unreachable. */
const HEALTH_TIMEOUT_MS = 2000;

export type OpenStore = {
  store: Store;
  /** Whether the database answers a trivial query now, within a couple of seconds. */
  reachable: () => Promise<boolean>;
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
      reachable: () =>
        database.ping(HEALTH_TIMEOUT_MS).then(
          () => true,
          () => false,
        ),
      close: () => database.close(),
    };
  }
  const database = openDatabase(config.databasePath);
  return {
    store: createStore(database),
    reachable: () =>
      database.sqlite.open ? pingSqlite(config.databasePath, HEALTH_TIMEOUT_MS) : Promise.resolve(false),
    close: async () => database.close(),
  };
}
