import type { Logger } from '../../src/domain/ports.ts';
import type { Deps } from '../../src/usecases/deps.ts';
import { type ManualClock, manualClock } from './clock.ts';
import { type RecordingMessengers, recordingMessengers } from './messengers.ts';
import { CAST, fakeDirectory } from './people.ts';
import { createTestStore } from './test-db.ts';

export type RecordingLogger = Logger & { entries: Array<{ level: string; msg: unknown[] }> };

export function recordingLogger(): RecordingLogger {
  const entries: Array<{ level: string; msg: unknown[] }> = [];
  const at =
    (level: string) =>
    (...msg: unknown[]) =>
      void entries.push({ level, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Use-case dependencies over a real on-disk store, a manual clock and the standard cast. */
export function createTestDeps(options: { now?: string } = {}): Deps & {
  clock: ManualClock;
  logger: RecordingLogger;
  database: ReturnType<typeof createTestStore>;
  messengers: RecordingMessengers;
} {
  const database = createTestStore();
  const messengers = recordingMessengers();
  return {
    store: database.store,
    clock: manualClock(options.now ?? '2026-11-23T09:00:00Z'),
    users: fakeDirectory(Object.values(CAST)),
    logger: recordingLogger(),
    defaultTimeZone: 'UTC',
    catchUpGraceMs: 2 * 3_600_000,
    standupMessenger: messengers.standups,
    riskReporter: messengers.risks,
    retroMessenger: messengers.retros,
    messengers,
    database,
  };
}
