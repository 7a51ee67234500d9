import { expect, test } from 'vitest';
import { runDueTimers } from '../../../src/core/usecases/run-due-timers.ts';
import { createTestDeps } from '../../helpers/deps.ts';

test('due timers run once at the clock’s time; failures are retried later', async () => {
  const deps = createTestDeps({ now: '2026-11-23T10:00:00Z' });
  const ran: string[] = [];
  let failOnce = true;
  const handlers = {
    ok: async (_d: unknown, timer: { key: string }) => void ran.push(timer.key),
    flaky: async () => {
      if (failOnce) {
        failOnce = false;
        throw new Error('slack said no');
      }
      ran.push('flaky');
    },
  };
  await deps.store.timers.schedule({ kind: 'ok', key: 'a', releaseId: null, dueAt: new Date('2026-11-23T09:59:00Z') });
  await deps.store.timers.schedule({
    kind: 'ok',
    key: 'later',
    releaseId: null,
    dueAt: new Date('2026-11-23T11:00:00Z'),
  });
  await deps.store.timers.schedule({
    kind: 'flaky',
    key: 'f',
    releaseId: null,
    dueAt: new Date('2026-11-23T10:00:00Z'),
  });

  expect(await runDueTimers(deps, handlers, 'me')).toBe(2);
  expect(ran).toEqual(['a']);
  expect(await runDueTimers(deps, handlers, 'me')).toBe(0);

  deps.clock.advance(30_000);
  await runDueTimers(deps, handlers, 'me');
  expect(ran).toEqual(['a', 'flaky']);

  deps.clock.set('2026-11-23T11:00:00Z');
  await runDueTimers(deps, handlers, 'me');
  expect(ran).toEqual(['a', 'flaky', 'later']);
});

test('a timer of an unknown kind is given up and logged, not retried forever', async () => {
  const deps = createTestDeps();
  await deps.store.timers.schedule({ kind: 'nope', key: 'x', releaseId: null, dueAt: deps.clock.now() });
  await runDueTimers(deps, {}, 'me');
  deps.clock.advance(86_400_000);
  expect(await runDueTimers(deps, {}, 'me')).toBe(0);
  expect(deps.logger.entries.some((e) => e.level === 'error' && String(e.msg[0]).includes('nope'))).toBe(true);
});

test('timers of different releases run side by side; one release’s timers keep their order', async () => {
  const deps = createTestDeps({ now: '2026-11-23T10:00:00Z' });
  const a = await deps.store.releases.insert({
    teamId: 'T',
    channelId: 'CA',
    name: 'a',
    targetDate: '2026-12-10',
    windowStart: null,
    windowEnd: null,
    timeZone: 'UTC',
    createdBy: 'U',
    createdAt: deps.clock.now(),
  });
  const b = await deps.store.releases.insert({
    teamId: 'T',
    channelId: 'CB',
    name: 'b',
    targetDate: '2026-12-10',
    windowStart: null,
    windowEnd: null,
    timeZone: 'UTC',
    createdBy: 'U',
    createdAt: deps.clock.now(),
  });
  const events: string[] = [];
  let releaseBStarted: () => void = () => undefined;
  const bStarted = new Promise<void>((resolve) => {
    releaseBStarted = resolve;
  });
  const handlers = {
    k: async (_d: unknown, timer: { key: string }) => {
      events.push(`start ${timer.key}`);
      if (timer.key === 'a-reminder') await bStarted; // would deadlock if B waited for A
      if (timer.key === 'b-reminder') releaseBStarted();
      events.push(`end ${timer.key}`);
    },
  };
  await deps.store.timers.schedule({
    kind: 'k',
    key: 'a-reminder',
    releaseId: a.id,
    dueAt: new Date('2026-11-23T09:00:00Z'),
  });
  await deps.store.timers.schedule({
    kind: 'k',
    key: 'a-summary',
    releaseId: a.id,
    dueAt: new Date('2026-11-23T09:30:00Z'),
  });
  await deps.store.timers.schedule({
    kind: 'k',
    key: 'b-reminder',
    releaseId: b.id,
    dueAt: new Date('2026-11-23T09:10:00Z'),
  });

  expect(await runDueTimers(deps, handlers, 'me')).toBe(3);
  expect(events.indexOf('start b-reminder')).toBeLessThan(events.indexOf('end a-reminder'));
  expect(events.indexOf('end a-reminder')).toBeLessThan(events.indexOf('start a-summary'));
});
