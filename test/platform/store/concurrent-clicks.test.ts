import { afterEach, describe, expect, test } from 'vitest';
import type { Store } from '../../../src/deps.ts';
import { acknowledgeEscalation } from '../../../src/escalation/usecases/acknowledge-escalation.ts';
import { configureEscalationLevel } from '../../../src/escalation/usecases/configure-escalation-level.ts';
import { escalateFurther } from '../../../src/escalation/usecases/escalate-further.ts';
import { raiseEscalation } from '../../../src/escalation/usecases/raise-escalation.ts';
import { runEscalationStep } from '../../../src/escalation/usecases/run-escalation-step.ts';
import type { PostgresDatabase } from '../../../src/platform/store/postgres/database.ts';
import { castPollVote } from '../../../src/polls/usecases/cast-poll-vote.ts';
import { decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../../src/polls/usecases/open-poll.ts';
import { openPostgresStore } from '../../../src/postgres-store.ts';
import { manualClock } from '../../helpers/clock.ts';
import { depsOver, type TestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease, tickWholeChecklist } from '../../helpers/factories.ts';
import { CAST, TEAM } from '../../helpers/people.ts';
import { createTestStore } from '../../helpers/test-db.ts';
import { describePostgres } from '../../support/postgres/test-database.ts';

/**
 * Issue 11: vote, decision and escalation-step transactions give the same result whether the clicks land on one
 * process or at the same moment on different replicas. Each scenario runs against two PostgreSQL replicas (separate
 * pools on one database, as two processes have) and against one SQLite store (one process), and both must agree.
 */

type Replicas = { a: TestDeps; b: TestDeps };
type Opener = () => Promise<Replicas>;

const VOTERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

async function openedPoll(r: Replicas) {
  const release = await insertStaffedRelease(r.a);
  const opened = await openPoll(r.a, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  if (!opened.ok) throw new Error(opened.message);
  return { release, poll: opened.poll };
}

async function raisedEscalation(r: Replicas) {
  const release = await insertStaffedRelease(r.a);
  const configured = await configureEscalationLevel(r.a, {
    teamId: TEAM,
    actorId: CAST.rm.id,
    scope: { kind: 'release', release },
    level: 2,
    channelId: 'C0MGMT',
    pings: ['S0MGRS'],
    ackMs: undefined,
  });
  if (!configured.ok) throw new Error(configured.message);
  const raised = await raiseEscalation(r.a, { release, raisedBy: CAST.qa.id, summary: 'CI is down' });
  if (!raised.ok) throw new Error(raised.message);
  return { release, escalation: raised.escalation };
}

/** What a scenario leaves in the database, for comparing the replicas' answer with one process's. */
type Outcome = unknown;

const scenarios: Record<string, (r: Replicas) => Promise<Outcome>> = {
  'four roles vote at once, each clicking Go on both replicas: one vote per role, each audited once': async (r) => {
    const { release, poll } = await openedPoll(r);
    const clicks = VOTERS.flatMap(([role, voterId]) =>
      [r.a, r.b].map((deps) => castPollVote(deps, { pollId: poll.id, role, voterId, value: 'go' })),
    );
    const results = await Promise.all(clicks);
    expect(results.every((x) => x.ok)).toBe(true);
    const votes = await r.a.store.polls.votes(poll.id);
    const audits = (await r.a.store.audit.forRelease(release.id)).filter((e) => e.action === 'poll.voted');
    return {
      votes: votes.map((v) => [v.role, v.value]).sort(),
      audited: audits.length,
      changed: results.filter((x) => x.ok && x.changed).length,
      version: (await r.a.store.polls.findById(poll.id))?.version,
    };
  },

  'one role votes Go on one replica and No-Go on the other at once: both kept, in one order, the second seeing the first':
    async (r) => {
      const { release, poll } = await openedPoll(r);
      await Promise.all([
        castPollVote(r.a, { pollId: poll.id, role: 'tech_lead', voterId: CAST.tech.id, value: 'go' }),
        castPollVote(r.b, {
          pollId: poll.id,
          role: 'tech_lead',
          voterId: CAST.tech.id,
          value: 'no_go',
          note: 'schema not migrated',
        }),
      ]);
      const votes = await r.a.store.polls.votes(poll.id);
      const audits = (await r.a.store.audit.forRelease(release.id)).filter((e) => e.action === 'poll.voted');
      // Serial: the later vote's audit names the earlier as what it replaced.
      const [first, second] = audits;
      expect(first?.before).toBeUndefined();
      expect((second?.before as { value?: string } | undefined)?.value).toBe(votes[0]?.value);
      return { values: votes.map((v) => v.value).sort(), audited: audits.length };
    },

  'Decide Go and Decide No-Go at once on two replicas: one decision, the other told it is decided': async (r) => {
    const { release, poll } = await openedPoll(r);
    await tickWholeChecklist(r.a, release.id);
    for (const [role, voterId] of VOTERS) await castPollVote(r.a, { pollId: poll.id, role, voterId, value: 'go' });
    const [go, noGo] = await Promise.all([
      decidePoll(r.a, { pollId: poll.id, deciderId: CAST.rm.id, side: 'go' }),
      decidePoll(r.b, { pollId: poll.id, deciderId: CAST.rm.id, side: 'no_go', rationale: 'a late doubt' }),
    ]);
    expect([go.ok, noGo.ok].filter(Boolean)).toHaveLength(1);
    const refused = (go.ok ? noGo : go) as { ok: false; message: string };
    expect(refused.message).toContain('already decided');
    const decided = await r.a.store.polls.findById(poll.id);
    const decisions = (await r.a.store.decisions.forRelease(release.id)).filter((d) => d.kind === 'go_no_go');
    expect(decided?.decision).toBe(go.ok ? 'go' : 'no_go');
    return { status: decided?.status, decisions: decisions.length };
  },

  'Escalate clicked on both replicas at once: level 2 once, one step': async (r) => {
    const { escalation } = await raisedEscalation(r);
    const results = await Promise.all([
      escalateFurther(r.a, { escalationId: escalation.id, userId: CAST.rm.id }),
      escalateFurther(r.b, { escalationId: escalation.id, userId: CAST.tech.id }),
    ]);
    const after = await r.a.store.escalations.findById(escalation.id);
    const posts = [...r.a.escalationPager.posts('C0MGMT'), ...r.b.escalationPager.posts('C0MGMT')];
    return {
      accepted: results.filter((x) => x.ok).length,
      level: after?.level,
      steps: after?.history.length,
      mgmtPosts: posts.length,
    };
  },

  'the step timer on one replica and Acknowledge on the other at once: one of the two serial outcomes, no half of each':
    async (r) => {
      const { escalation } = await raisedEscalation(r);
      for (const deps of [r.a, r.b]) deps.clock.advance(31 * 60_000);
      const [timer] = await r.a.store.timers.claimDue(r.a.clock.now(), 'a', 10);
      if (!timer) throw new Error('no step timer due');
      await Promise.all([
        runEscalationStep(r.a, timer, r.a.clock.now()),
        acknowledgeEscalation(r.b, { escalationId: escalation.id, userId: CAST.rm.id }),
      ]);
      const after = await r.a.store.escalations.findById(escalation.id);
      if (after?.status !== 'acknowledged') throw new Error(`expected acknowledged, got ${after?.status}`);
      // Either the acknowledgement came first (level 1, no step) or the step did (level 2, acknowledged there).
      const shape = [after.level, after.history.length, after.history.at(-1)?.acknowledgedBy];
      expect([
        [1, 1, CAST.rm.id],
        [2, 2, CAST.rm.id],
      ]).toContainEqual(shape);
      const pending = (await r.a.store.timers.pending()).filter((t) => t.kind === 'escalation.step');
      expect(pending).toEqual([]);
      return 'consistent';
    },
};

function sqliteReplicas(): Opener {
  return async () => {
    const { store } = createTestStore();
    const clock = manualClock('2026-11-23T09:00:00Z');
    // One process: both "replicas" are the same store (SQLite's second connection in one process would block).
    return { a: depsOver(store, clock), b: depsOver(store, clock) };
  };
}

const oneProcess: Record<string, Outcome> = {};

describe('concurrent clicks on one process (SQLite)', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    test(name, async () => {
      oneProcess[name] = await scenario(await sqliteReplicas()());
    });
  }
});

describePostgres('concurrent clicks on two replicas (PostgreSQL): the same results as on one process', (postgres) => {
  const opened: PostgresDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });
  const open = async (): Promise<Store> => {
    const { store, database } = await openPostgresStore(postgres.url(), { migrate: opened.length === 0 });
    opened.push(database);
    return store;
  };
  const replicas: Opener = async () => {
    const first = await open();
    const { rows } = await (opened[0] as PostgresDatabase).pool.query<{ tables: string }>(
      `select string_agg(format('%I', tablename), ', ') as tables from pg_tables where schemaname = 'public'`,
    );
    await (opened[0] as PostgresDatabase).pool.query(`truncate table ${rows[0]?.tables} restart identity cascade`);
    const second = await open();
    return {
      a: depsOver(first, manualClock('2026-11-23T09:00:00Z')),
      b: depsOver(second, manualClock('2026-11-23T09:00:00Z')),
    };
  };
  for (const [name, scenario] of Object.entries(scenarios)) {
    test(name, async () => {
      const outcome = await scenario(await replicas());
      if (name in oneProcess) expect(outcome).toEqual(oneProcess[name]);
    });
  }
});
