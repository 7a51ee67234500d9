import { expect, test } from 'vitest';
import { createRelease, creatorTimeZone } from '../../../src/releases/usecases/create-release.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertRelease } from '../../helpers/factories.ts';
import { CAST, CHANNEL, fakeDirectory, person, TEAM } from '../../helpers/people.ts';

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

test('the creator’s zone is used only when this runtime knows it; otherwise the default, for the command and the form', async () => {
  const deps = createTestDeps();
  deps.users = fakeDirectory([person('UMARS', { timeZone: 'Mars/Olympus_Mons' }), person('UNONE', { timeZone: null })]);
  expect(await creatorTimeZone(deps, 'UMARS')).toBeUndefined();
  expect(await creatorTimeZone(deps, 'UNONE')).toBeUndefined();
  const created = await createRelease(deps, { ...input, actorId: 'UMARS' });
  expect(created.ok && created.release.timeZone).toBe('UTC');
});

test('a zone typed in another case is stored in its IANA spelling; a link stays as typed', async () => {
  const deps = createTestDeps();
  const lower = await createRelease(deps, { ...input, timeZone: 'america/new_york' });
  expect(lower.ok && lower.release.timeZone).toBe('America/New_York');
  const link = await createRelease(deps, { ...input, name: '2.5.0', channelId: 'COTHER', timeZone: 'US/Pacific' });
  expect(link.ok && link.release.timeZone).toBe('US/Pacific');
});
