import { expect, test } from 'vitest';
import { PostFailed } from '../../../src/core/domain/delivery.ts';
import { runDueTimers } from '../../../src/core/usecases/run-due-timers.ts';
import { acknowledgeEscalation } from '../../../src/escalation/usecases/acknowledge-escalation.ts';
import { configureEscalationLevel } from '../../../src/escalation/usecases/configure-escalation-level.ts';
import { escalationTimings, listOpenEscalations } from '../../../src/escalation/usecases/list-escalations.ts';
import { raiseEscalation } from '../../../src/escalation/usecases/raise-escalation.ts';
import { resolveEscalation } from '../../../src/escalation/usecases/resolve-escalation.ts';
import { runEscalationDelivery } from '../../../src/escalation/usecases/run-escalation-delivery.ts';
import { runEscalationStep } from '../../../src/escalation/usecases/run-escalation-step.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST, TEAM } from '../../helpers/people.ts';

const HANDLERS = { 'escalation.step': runEscalationStep, 'escalation.delivery': runEscalationDelivery };
const MINUTE = 60_000;

async function setup(options: { levels?: Array<2 | 3> } = {}) {
  const deps = createTestDeps();
  const release = await insertStaffedRelease(deps);
  for (const level of options.levels ?? [2, 3]) {
    const configured = await configureEscalationLevel(deps, {
      teamId: TEAM,
      actorId: CAST.rm.id,
      scope: { kind: 'release', release },
      level,
      channelId: level === 2 ? 'C0MGMT' : 'C0EXEC',
      pings: level === 2 ? ['S0MGRS'] : [CAST.outsider.id],
      ackMs: undefined,
    });
    expect(configured.ok).toBe(true);
  }
  const tick = (ms: number) => {
    deps.clock.advance(ms);
    return runDueTimers(deps, HANDLERS, 'test');
  };
  return { deps, release, tick };
}

async function raised(s: Awaited<ReturnType<typeof setup>>, summary = 'CI is down') {
  const result = await raiseEscalation(s.deps, { release: s.release, raisedBy: CAST.qa.id, summary });
  if (!result.ok) throw new Error(result.message);
  return result.escalation;
}

test('raising records the escalation and its step timer, posts at level 1 pinging the role holders', async () => {
  const s = await setup();
  const e = await raised(s);
  const posts = s.deps.escalationPager.posts();
  expect(posts).toHaveLength(1);
  expect(posts[0]?.channelId).toBe(s.release.channelId);
  expect(posts[0]?.card.pings).toEqual(expect.arrayContaining([CAST.rm.id, CAST.tech.id, CAST.qa.id]));
  expect((await s.deps.store.timers.pending()).map((t) => [t.key, t.dueAt])).toEqual([
    [`escalation.step:${e.id}:0`, new Date('2026-11-23T09:30:00Z')],
  ]);
});

test("a failed post is retried within seconds by the step's delivery timer and posted once; the step is not taken twice", async () => {
  const s = await setup();
  const e = await raised(s);
  s.deps.escalationPager.failNext('ratelimited');
  await s.tick(30 * MINUTE);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(0);
  expect(await s.deps.store.escalations.findById(e.id)).toMatchObject({ level: 2, step: 1 });
  await s.tick(4_000);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(0);
  await s.tick(1_000);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(1);
  await s.tick(60_000);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(1);
  expect(await s.deps.store.escalations.findById(e.id)).toMatchObject({ level: 2, step: 1 });
  expect((await s.deps.store.timers.pending()).map((t) => t.key)).toEqual([`escalation.step:${e.id}:1`]);
});

/** Every post to `channelId` fails with `error`; returns how many were tried. */
function failPostsTo(s: Awaited<ReturnType<typeof setup>>, channelId: string, error: () => Error) {
  const tried = { count: 0 };
  const pager = s.deps.escalationPager;
  const postLevel = pager.postLevel;
  pager.postLevel = async (channel, card, key) => {
    if (channel !== channelId) return postLevel(channel, card, key);
    tried.count += 1;
    throw error();
  };
  return tried;
}

test('a level Slack refuses (not_in_channel) is given up at once and the release channel is told to invite the bot', async () => {
  const s = await setup();
  const e = await raised(s);
  const tried = failPostsTo(s, 'C0MGMT', () => new PostFailed('not_in_channel', false, 'C0MGMT'));
  await s.tick(30 * MINUTE);
  await s.tick(5_000);
  expect(tried.count).toBe(2);
  const told = s.deps.escalationPager.calls.filter((c) => c.kind === 'postUnreachable');
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({
    channelId: s.release.channelId,
    key: `escalation:${e.id}:step:1:unreachable`,
    problem: { levelChannelId: 'C0MGMT', reason: 'not_in_channel', needsInvite: true },
  });
  await s.tick(60_000);
  expect(s.deps.escalationPager.calls.filter((c) => c.kind === 'postUnreachable')).toHaveLength(1);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(0);
});

test('a level whose post keeps failing is retried with back-off for about a minute, then the release channel is told', async () => {
  const s = await setup();
  await raised(s);
  const failing = failPostsTo(s, 'C0MGMT', () => new PostFailed('internal_error', true, 'C0MGMT'));
  const pager = s.deps.escalationPager;
  await s.tick(30 * MINUTE);
  for (const wait of [5_000, 10_000, 20_000]) {
    await s.tick(wait);
    expect(pager.calls.filter((c) => c.kind === 'postUnreachable')).toHaveLength(0);
  }
  await s.tick(30_000);
  const told = pager.calls.filter((c) => c.kind === 'postUnreachable');
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({ problem: { reason: 'internal_error', needsInvite: false, gaveUpAfter: 4 } });
  // The step's post plus four tries of its delivery timer, all within 70 seconds of the step.
  expect(failing.count).toBe(5);
});

test('acknowledge and resolve arriving together leave a consistent state, in either order', async () => {
  const s = await setup();
  const a = await raised(s, 'first');
  await Promise.all([
    acknowledgeEscalation(s.deps, { escalationId: a.id, userId: CAST.tech.id }),
    resolveEscalation(s.deps, { escalationId: a.id, userId: CAST.rm.id, note: 'fixed' }),
  ]);
  expect(await s.deps.store.escalations.findById(a.id)).toMatchObject({
    status: 'resolved',
    acknowledgedBy: CAST.tech.id,
  });

  const b = await raised(s, 'second');
  await resolveEscalation(s.deps, { escalationId: b.id, userId: CAST.rm.id, note: 'fixed' });
  const late = await acknowledgeEscalation(s.deps, { escalationId: b.id, userId: CAST.tech.id });
  expect(late).toMatchObject({ ok: false });
  expect(!late.ok && late.message).toContain('already resolved by <@URM>');
  expect(await s.deps.store.escalations.findById(b.id)).toMatchObject({ status: 'resolved', acknowledgedBy: null });
  await s.tick(120 * MINUTE);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(0);
});

test('acknowledging cancels the pending step at once; a double acknowledgement counts once', async () => {
  const s = await setup();
  const e = await raised(s);
  const first = await acknowledgeEscalation(s.deps, { escalationId: e.id, userId: CAST.tech.id });
  const second = await acknowledgeEscalation(s.deps, { escalationId: e.id, userId: CAST.qa.id });
  expect(first).toMatchObject({ ok: true, changed: true });
  expect(second).toMatchObject({ ok: true, changed: false, escalation: { acknowledgedBy: CAST.tech.id } });
  expect(await s.deps.store.timers.pending()).toEqual([]);
  const updates = s.deps.escalationPager.calls.filter((c) => c.kind === 'update');
  expect(updates).toHaveLength(1);
});

test('escalations older than the maximum age are never auto-escalated again', async () => {
  const s = await setup();
  s.deps.escalationMaxAgeMs = 45 * MINUTE;
  const e = await raised(s);
  await s.tick(30 * MINUTE);
  expect(s.deps.escalationPager.posts('C0MGMT')).toHaveLength(1);
  await s.tick(15 * MINUTE);
  expect((await s.deps.store.escalations.findById(e.id))?.status).toBe('expired');
  await s.tick(24 * 60 * MINUTE);
  expect(s.deps.escalationPager.posts('C0EXEC')).toHaveLength(0);
  expect(await s.deps.store.timers.pending()).toEqual([]);
  expect((await listOpenEscalations(s.deps, TEAM)).map((i) => i.escalation.id)).toEqual([e.id]);
});

test('with no higher level configured, level 1 is pinged again with the command that configures level 2', async () => {
  const s = await setup({ levels: [] });
  await raised(s);
  await s.tick(30 * MINUTE);
  expect(s.deps.escalationPager.posts(s.release.channelId)).toHaveLength(1);
  const repings = s.deps.escalationPager.calls.filter((c) => c.kind === 'postReping');
  expect(repings).toHaveLength(1);
  expect(repings[0]?.card.hint).toContain('/release escalation level:2 channel:#');
});

test('time to acknowledge and to resolve is recorded per level', async () => {
  const s = await setup();
  const e = await raised(s);
  await s.tick(30 * MINUTE);
  s.deps.clock.advance(5 * MINUTE);
  await acknowledgeEscalation(s.deps, { escalationId: e.id, userId: CAST.outsider.id });
  s.deps.clock.advance(25 * MINUTE);
  await resolveEscalation(s.deps, { escalationId: e.id, userId: CAST.outsider.id, note: 'Vendor fixed it' });
  expect(await escalationTimings(s.deps, TEAM, new Date(0))).toEqual([
    {
      escalationId: e.id,
      releaseId: s.release.id,
      levels: [
        { level: 1, postedAt: new Date('2026-11-23T09:00:00Z'), timeToAcknowledgeMs: null, timeToResolveMs: null },
        {
          level: 2,
          postedAt: new Date('2026-11-23T09:30:00Z'),
          timeToAcknowledgeMs: 5 * MINUTE,
          timeToResolveMs: 30 * MINUTE,
        },
      ],
    },
  ]);
});

test('only a Release Manager of an active release configures levels; the acknowledgement time has bounds', async () => {
  const s = await setup({ levels: [] });
  const denied = await configureEscalationLevel(s.deps, {
    teamId: TEAM,
    actorId: CAST.qa.id,
    scope: { kind: 'release', release: s.release },
    level: 2,
    channelId: 'C0MGMT',
    pings: [],
    ackMs: undefined,
  });
  expect(denied).toMatchObject({ ok: false });
  const tooShort = await configureEscalationLevel(s.deps, {
    teamId: TEAM,
    actorId: CAST.rm.id,
    scope: { kind: 'release', release: s.release },
    level: 2,
    channelId: 'C0MGMT',
    pings: [],
    ackMs: 500,
  });
  expect(tooShort).toMatchObject({ ok: false });
  expect(await s.deps.store.escalations.levelSettings(TEAM)).toEqual([]);
});

test('a post another try holds (a replica that died mid-post) is waited for, never counted as Slack failing', async () => {
  const s = await setup();
  await raised(s);
  const pager = s.deps.escalationPager;
  const postLevel = pager.postLevel;
  let held = 0;
  pager.postLevel = async (channel, card, key) => {
    if (channel === 'C0MGMT' && held < 6) {
      held += 1;
      throw new PostFailed('in_flight', true, channel, { notBefore: new Date(s.deps.clock.now().getTime() + 20_000) });
    }
    return postLevel(channel, card, key);
  };
  await s.tick(30 * MINUTE);
  for (let i = 0; i < 6; i += 1) await s.tick(21_000);
  expect(pager.calls.filter((c) => c.kind === 'postUnreachable')).toHaveLength(0);
  expect(pager.posts('C0MGMT')).toHaveLength(1);
  expect(held).toBe(6);
});

test('an alert that fires again while its escalation is open adds to it; resolved, the next one is new', async () => {
  const s = await setup();
  const alert = { dedupKey: 'disk-full', sourceUrl: 'https://grafana.example.com/d/disk' };
  const raise = () =>
    raiseEscalation(s.deps, { release: s.release, raisedBy: 'ci:grafana', summary: 'Disk 95% full', alert });
  const first = await raise();
  if (!first.ok) throw new Error(first.message);
  expect(first.repeat).toBeUndefined();
  expect(s.deps.escalationPager.posts()).toHaveLength(1);
  expect(s.deps.escalationPager.posts()[0]?.card.alert).toMatchObject({ fired: 1, sourceUrl: alert.sourceUrl });
  s.deps.clock.advance(5 * MINUTE);
  const again = await raise();
  if (!again.ok) throw new Error(again.message);
  expect(again.escalation.id).toBe(first.escalation.id);
  expect(again.repeat).toMatchObject({ fired: 2, lastFiredAt: s.deps.clock.now() });
  // Nothing new is paged; the card already posted is re-rendered with the count.
  expect(s.deps.escalationPager.posts()).toHaveLength(1);
  const updates = s.deps.escalationPager.calls.filter((c) => c.kind === 'update');
  expect(updates.at(-1)?.card.alert).toMatchObject({ fired: 2 });
  // Acknowledged is still open for the alert; only a resolution frees the key.
  await acknowledgeEscalation(s.deps, { escalationId: first.escalation.id, userId: CAST.rm.id });
  expect((await raise()).ok && (await s.deps.store.escalations.alertOf(first.escalation.id))?.fired).toBe(3);
  await resolveEscalation(s.deps, { escalationId: first.escalation.id, userId: CAST.rm.id, note: 'cleaned up' });
  const next = await raise();
  if (!next.ok) throw new Error(next.message);
  expect(next.escalation.id).not.toBe(first.escalation.id);
  expect(next.repeat).toBeUndefined();
  const audit = (await s.deps.store.audit.forRelease(s.release.id)).map((a) => a.action);
  expect(audit.filter((a) => a === 'escalation.fired_again')).toHaveLength(2);
  expect(audit.filter((a) => a === 'escalation.raised')).toHaveLength(2);
});

test('an alert’s source must be a web link, and its dedup key short; a bad one records nothing', async () => {
  const s = await setup();
  for (const [alert, message] of [
    [{ sourceUrl: 'javascript:alert(1)' }, 'The source: That is not a web link'],
    [{ sourceUrl: 'https://evil.example/x|bank>' }, 'The source: That is not a web link'],
    [{ dedupKey: 'k'.repeat(201) }, 'A dedup key is at most 200 characters.'],
  ] as const) {
    const result = await raiseEscalation(s.deps, { release: s.release, raisedBy: 'ci:x', summary: 'down', alert });
    expect(result).toEqual({ ok: false, message: expect.stringContaining(message) });
  }
  expect(await s.deps.store.escalations.listForRelease(s.release.id)).toEqual([]);
});
