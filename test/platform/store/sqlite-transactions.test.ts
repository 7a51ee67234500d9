import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { openDatabase } from '../../../src/platform/store/database.ts';
import { createStore } from '../../../src/store.ts';
import { createTestStore } from '../../helpers/test-db.ts';

const DUE = new Date('2026-11-23T10:00:00Z');

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Lets every pending promise callback and timer run, so a call that could go ahead would have. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function setup() {
  const database = createTestStore();
  const { store } = database;
  const schedule = (key: string) => store.timers.schedule({ kind: 'test', key, releaseId: null, dueAt: DUE });
  const keys = async () => (await store.timers.pending()).map((t) => t.key).sort();
  return { ...database, store, schedule, keys };
}

test('concurrent transactions run one after the other, each seeing the other whole', async () => {
  const { store, schedule, keys } = setup();
  const events: string[] = [];
  const one = (name: string) =>
    store.transaction(async () => {
      events.push(`${name} begins with ${(await keys()).length} timers`);
      await schedule(`${name}-1`);
      await settle();
      await schedule(`${name}-2`);
      events.push(`${name} ends`);
    });
  await Promise.all([one('a'), one('b')]);
  expect(events).toEqual(['a begins with 0 timers', 'a ends', 'b begins with 2 timers', 'b ends']);
  expect(await keys()).toEqual(['a-1', 'a-2', 'b-1', 'b-2']);
});

test('a store call from outside waits while a transaction is open, and is not undone with it', async () => {
  const { store, schedule, keys } = setup();
  const release = deferred();
  const failing = store.transaction(async () => {
    await schedule('inside');
    await release.promise;
    throw new Error('changed my mind');
  });
  let outsideDone = false;
  const outside = schedule('outside').then(() => {
    outsideDone = true;
  });
  const outsideRead = keys();
  await settle();
  expect(outsideDone).toBe(false);
  release.resolve();
  await expect(failing).rejects.toThrow('changed my mind');
  await outside;
  expect(await outsideRead).toEqual(['outside']);
  expect(await keys()).toEqual(['outside']);
});

test('a throw rolls back every write of the transaction, however deep it was made', async () => {
  const { store, schedule, keys } = setup();
  const deeper = async (key: string) => {
    await settle();
    await schedule(key);
  };
  await expect(
    store.transaction(async () => {
      await schedule('first');
      await deeper('second');
      await Promise.all([deeper('third'), deeper('fourth')]);
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await keys()).toEqual([]);
});

test('a nested transaction that fails rolls back only its own writes', async () => {
  const { store, schedule, keys } = setup();
  const result = await store.transaction(async () => {
    await schedule('before');
    const nested = await store
      .transaction(async () => {
        await schedule('nested');
        throw new Error('nested failure');
      })
      .catch((error: Error) => error.message);
    await store.transaction(async () => schedule('kept'));
    await schedule('after');
    return nested;
  });
  expect(result).toBe('nested failure');
  expect(await keys()).toEqual(['after', 'before', 'kept']);
});

test('a failing store call is a rejected promise and leaves nothing behind', async () => {
  const { store } = setup();
  await expect(store.releases.setStatus(999, 'shipped', DUE)).rejects.toThrow('release 999 does not exist');
  await expect(store.transaction(async () => store.releases.setStatus(999, 'shipped', DUE))).rejects.toThrow(
    'release 999 does not exist',
  );
  // The connection is usable again: no transaction was left open.
  await store.transaction(async () => undefined);
  expect(await store.timers.pending()).toEqual([]);
});

test('work a transaction left running is foreign once it ends: it waits for the next transaction', async () => {
  const { store, schedule, keys } = setup();
  const late = deferred();
  let leftRunning: Promise<void> | undefined;
  await store.transaction(async () => {
    await schedule('committed');
    leftRunning = late.promise.then(() => schedule('late'));
  });
  const next = deferred();
  const failing = store.transaction(async () => {
    await schedule('rolled-back');
    late.resolve();
    await settle();
    await next.promise;
    throw new Error('undo');
  });
  await settle();
  next.resolve();
  await expect(failing).rejects.toThrow('undo');
  await leftRunning;
  expect(await keys()).toEqual(['committed', 'late']);
});

test('two connections to one file in one process take turns instead of blocking the thread', async () => {
  const { store, path, schedule, keys } = setup();
  const other = openDatabase(path);
  try {
    const second = createStore(other);
    const release = deferred();
    const open = store.transaction(async () => {
      await schedule('first');
      await release.promise;
    });
    let secondDone = false;
    const write = second.timers.schedule({ kind: 'test', key: 'second', releaseId: null, dueAt: DUE }).then(() => {
      secondDone = true;
    });
    await settle();
    expect(secondDone).toBe(false);
    release.resolve();
    await Promise.all([open, write]);
    expect(await keys()).toEqual(['first', 'second']);
  } finally {
    other.close();
  }
});

test('the transaction holds the file’s write lock from its start (BEGIN IMMEDIATE), against other processes', async () => {
  const { store, path } = setup();
  // Another process, as far as SQLite can tell: its own connection, which does not wait for a busy lock.
  const other = new Database(path, { timeout: 0 });
  try {
    const inside = deferred();
    const release = deferred();
    const open = store.transaction(async () => {
      inside.resolve();
      await release.promise;
    });
    await inside.promise;
    expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    release.resolve();
    await open;
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
  } finally {
    other.close();
  }
});
