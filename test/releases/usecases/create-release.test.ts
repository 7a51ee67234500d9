import { expect, test } from 'vitest';
import { createRelease } from '../../../src/releases/usecases/create-release.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease } from '../../helpers/factories.ts';
import { CAST, CHANNEL, TEAM } from '../../helpers/people.ts';

const input = { teamId: TEAM, channelId: CHANNEL, actorId: CAST.rm.id, name: '2.4.0', targetDate: '2026-12-10' };

test('creates a release in planning, in the creator’s time zone, and audits it', async () => {
  const deps = createTestDeps();
  const result = await createRelease(deps, input);
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.release).toMatchObject({
    name: '2.4.0',
    status: 'planning',
    timeZone: 'Europe/Berlin',
    channelId: CHANNEL,
  });
  expect((await deps.store.audit.forRelease(result.release.id)).map((e) => e.action)).toEqual(['release.created']);
});

test('one active release per channel', async () => {
  const deps = createTestDeps();
  await createRelease(deps, input);
  const second = await createRelease(deps, { ...input, name: '2.5.0' });
  expect(second.ok).toBe(false);
  if (!second.ok) expect(second.problems[0]).toMatchObject({ field: 'channel' });
});

test('names are unique per workspace regardless of case', async () => {
  const deps = createTestDeps();
  await createRelease(deps, input);
  const clash = await createRelease(deps, { ...input, channelId: 'COTHER', name: '2.4.0'.toUpperCase() });
  expect(clash.ok).toBe(false);
  if (!clash.ok) expect(clash.problems[0]?.message).toContain('already exists in <#C0RELEASE>');
});

test('a finished release frees its channel', async () => {
  const deps = createTestDeps();
  await insertRelease(deps, { channelId: CHANNEL, status: 'done' });
  expect((await createRelease(deps, input)).ok).toBe(true);
});

test('bad input writes nothing', async () => {
  const deps = createTestDeps();
  const result = await createRelease(deps, { ...input, windowStart: '2026-12-12', windowEnd: '2026-12-01' });
  expect(result.ok).toBe(false);
  expect(await deps.store.releases.listActive(TEAM)).toEqual([]);
});
