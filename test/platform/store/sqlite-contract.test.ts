import { onTestFinished } from 'vitest';
import { openDatabase } from '../../../src/platform/store/database.ts';
import { createStore } from '../../../src/store.ts';
import { createTestDatabase } from '../../helpers/test-db.ts';
import { storeContract } from './contract/index.ts';

/** The store contract against SQLite: a migrated file on disk per test, as in production. */
storeContract({
  name: 'SQLite',
  overlapping: false,
  async open() {
    const database = createTestDatabase();
    return {
      store: createStore(database),
      async replica() {
        const other = openDatabase(database.path);
        onTestFinished(() => other.close());
        return createStore(other);
      },
    };
  },
});
