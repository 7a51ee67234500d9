/**
 * Two real bot processes on one database behind one URL (issue 11, "Two replicas, one database, end to end"), written
 * once and run on PostgreSQL (`replicas.test.ts`) and on one SQLite file (`replicas-sqlite.test.ts`).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { buildPollMessage } from '../../src/polls/slack/views/go-no-go-poll.ts';
import { getPollView } from '../../src/polls/usecases/poll-view.ts';
import { manualClock } from '../helpers/clock.ts';
import { depsOver } from '../helpers/deps.ts';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import {
  type DatabaseView,
  type Replica,
  type SharedClock,
  type SlackCall,
  sharedClock,
  startReplica,
  startRoundRobin,
} from '../helpers/replicas.ts';
import { createSlackDriver, type SlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeMessage, type FakeSlack, startFakeSlack } from '../support/fake-slack/fake-slack.ts';

export type Backend = {
  name: string;
  /** The database every replica is given (`DATABASE_URL`, or `DATABASE_PATH` in `dir`). */
  env: (dir: string) => Promise<Record<string, string>>;
  /** The test's own look into that database. */
  view: (env: Record<string, string>) => Promise<DatabaseView>;
};

const MGMT = 'C0MGMT';
const EXEC = 'C0EXEC';
const MINUTE = 60_000;

export type Cluster = {
  fake: FakeSlack;
  clock: SharedClock;
  replicas: Replica[];
  /** Requests each replica answered, by port. */
  served: () => Map<string, number>;
  driver: SlackDriver;
  view: DatabaseView;
  /** `/release <text>` through the one URL, answered through the response URL. */
  command: (userId: string, text: string) => Promise<string>;
};

/** The fake Slack, a shared clock, two replicas on `backend`'s database and a round-robin URL in front of them. */
export async function startCluster(backend: Backend, start = '2026-11-23T09:00:00Z'): Promise<Cluster> {
  const fake = await startFakeSlack({
    users: FAKE_USERS,
    channels: [
      { id: CHANNEL, name: 'release' },
      { id: MGMT, name: 'eng-managers' },
      { id: EXEC, name: 'executives' },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-replicas-'));
  onTestFinished(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const clock = sharedClock(dir, start);
  const env = await backend.env(dir);
  const replicas = await Promise.all(['a', 'b'].map((name) => startReplica(fake, clock, name, env)));
  const alive = () => replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  const proxy = await startRoundRobin(() => alive().map((r) => r.port));
  const driver = createSlackDriver({ fake, appUrl: `${proxy.url}/slack/events`, signingSecret: SIGNING_SECRET });
  const view = await backend.view(env);
  const command = async (userId: string, text: string) => {
    const sent = await driver.command({ userId, channelId: CHANNEL, text });
    expect(sent.status).toBe(200);
    const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
      timeoutMs: 15_000,
    });
    return JSON.stringify(post.body);
  };
  return { fake, clock, replicas, served: proxy.served, driver, view, command };
}

const ROLES = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

async function staffRelease(c: Cluster) {
  expect(await c.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10 window:2026-12-01..2026-12-12')).toContain(
    'created release',
  );
  for (const [role, who] of [
    ['rm', CAST.rm.id],
    ['tech-lead', CAST.tech.id],
    ['qa', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['po', CAST.po.id],
  ] as const) {
    expect(await c.command(CAST.rm.id, `role ${role} <@${who}>`)).toContain('<@');
  }
}

/** The poll message in Slack is the render of the database, block for block (Slack fills in missing block ids). */
async function showsDatabase(c: Cluster, deps: Deps, pollId: number, message: FakeMessage): Promise<boolean> {
  const view = await getPollView(deps, pollId);
  if (!view) return false;
  const expected = buildPollMessage(view);
  const shown = c.fake.message(CHANNEL, message.ts);
  if (!shown) return false;
  const blocks = shown.blocks.map((block, i) => {
    const copy = { ...block };
    if ((expected.blocks[i] as { block_id?: string } | undefined)?.block_id === undefined) delete copy.block_id;
    return copy;
  });
  return shown.text === expected.text && JSON.stringify(blocks) === JSON.stringify(expected.blocks);
}

/**
 * A vote storm split across both replicas: every holder double-clicks Go (ten times each, all at once), then every
 * holder changes to No-Go with a reason and back to Go, the modal opened by one replica and submitted to the other.
 * Every change is recorded once; the poll message ends as the render of the final database state.
 */
export async function voteStorm(backend: Backend): Promise<void> {
  const c = await startCluster(backend);
  await staffRelease(c);
  await c.command(CAST.rm.id, 'gonogo');
  const message = await c.fake.waitFor(() => c.fake.messages(CHANNEL).find((m) => m.text.startsWith('Go/No-Go')), {
    timeoutMs: 15_000,
  });
  const pollId = Number(
    (message.blocks.find((b) => b.block_id === 'poll_decide') as { elements: Array<{ value: string }> }).elements[0]
      ?.value,
  );
  const click = (userId: string, role: string, actionId: string) =>
    c.driver.clickButton({ userId, channelId: CHANNEL, messageTs: message.ts, actionId, value: `${pollId}:${role}` });

  const before = c.served();
  const storm = ROLES.flatMap(([role, who]) => Array.from({ length: 10 }, () => click(who, role, 'poll_vote_go')));
  expect((await Promise.all(storm)).every((r) => r.status === 200)).toBe(true);

  await Promise.all(
    ROLES.map(async ([role, who]) => {
      const before = c.fake.openViews(who).length;
      await click(who, role, 'poll_vote_no_go');
      const view = await c.fake.waitFor(() => c.fake.openViews(who)[before], { timeoutMs: 10_000 });
      await c.driver.submitView({
        userId: who,
        viewId: String(view.id),
        values: { poll_note: { value: `${role} blocks` } },
      });
      await click(who, role, 'poll_vote_go');
    }),
  );

  // Clicks are acknowledged before their vote is cast: wait for the last of them to land in the database.
  const expected = ROLES.length * 3;
  await c.fake.waitFor(async () => (await c.view.store.polls.votes(pollId)).length >= expected, { timeoutMs: 20_000 });
  // Use-case dependencies over the replicas' database, to render what it holds as the bot would.
  const deps = depsOver(c.view.store, manualClock(c.clock.now()));
  const final = await c.view.store.polls.findById(pollId);
  const showsVersion = () =>
    (c.fake.message(CHANNEL, message.ts)?.metadata as { event_payload?: { version?: number } } | undefined)
      ?.event_payload?.version;
  // The message catches up with the database: the render of its final state, and the version it says it shows.
  await c.fake.waitFor(
    async () => showsVersion() === final?.version && (await showsDatabase(c, deps, pollId, message)),
    {
      timeoutMs: 20_000,
    },
  );
  const votes = await c.view.store.polls.votes(pollId);
  expect(votes).toHaveLength(expected);
  for (const [role, who] of ROLES) {
    expect(votes.filter((v) => v.role === role).map((v) => [v.value, v.voterId])).toEqual([
      ['go', who],
      ['no_go', who],
      ['go', who],
    ]);
  }
  const voted = (await c.view.store.audit.forRelease(1)).filter((e) => e.action === 'poll.voted');
  expect(voted).toHaveLength(expected);
  expect(c.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Go/No-Go'))).toHaveLength(1);
  // Every update the replicas sent went out in version order: no older render after a newer one.
  const sent = c.fake
    .callsTo('chat.update')
    .filter((u) => u.params.ts === message.ts)
    .map(
      (u) => (u.params.metadata as { event_payload?: { version?: number } } | undefined)?.event_payload?.version ?? 0,
    );
  expect(sent).toEqual([...sent].sort((x, y) => x - y));
  // Both replicas took part: each answered half the clicks.
  const after = c.served();
  for (const r of c.replicas) expect((after.get(r.port) ?? 0) - (before.get(r.port) ?? 0)).toBeGreaterThanOrEqual(20);
  // Quiet: the message stays as it is.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await showsDatabase(c, deps, pollId, message)).toBe(true);
}

/**
 * A standup, its reminder and summary, and the weekly risk review and report all fall due with both replicas
 * running their schedulers: each is posted exactly once.
 */
export async function scheduledPostsOnce(backend: Backend): Promise<void> {
  // Monday 7 December, in the release window (Europe/Berlin): standup 09:30, review 10:00, reminder 11:30, summary
  // 13:30, report 14:00.
  const c = await startCluster(backend, '2026-12-07T07:00:00Z');
  await staffRelease(c);
  const posts = (prefix: string) => c.fake.messages(CHANNEL).filter((m) => m.text.startsWith(prefix));
  const steps: Array<[string, () => FakeMessage[]]> = [
    ['2026-12-07T08:30:00Z', () => posts('Daily standup')],
    ['2026-12-07T09:00:00Z', () => posts('Weekly risk review')],
    ['2026-12-07T10:30:00Z', () => c.fake.thread(CHANNEL, posts('Daily standup')[0]?.ts ?? '')],
    ['2026-12-07T12:30:00Z', () => posts('Standup summary')],
    ['2026-12-07T13:00:00Z', () => posts('Risk report')],
  ];
  for (const [at, posted] of steps) {
    c.clock.set(at);
    await c.fake.waitFor(() => posted().length > 0, { timeoutMs: 20_000 });
    await c.view.settled(c.clock.now());
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // The report's two charts follow in its thread: one upload, by one replica.
  const reportTs = posts('Risk report')[0]?.ts ?? '';
  await c.fake.waitFor(() => c.fake.thread(CHANNEL, reportTs).some((m) => m.files), { timeoutMs: 30_000 });
  await c.view.settled(c.clock.now());
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const [at, posted] of steps) expect(posted(), `posted for ${at}`).toHaveLength(1);
  expect(c.fake.thread(CHANNEL, posts('Daily standup')[0]?.ts ?? '')[0]?.text).toMatch(/^Reminder:/);
  expect(c.fake.thread(CHANNEL, reportTs).filter((m) => m.files)).toHaveLength(1);
  expect(c.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  expect(c.fake.files.filter((f) => f.threadTs === reportTs).map((f) => f.filename.replace(/-\d.*/, ''))).toEqual([
    'risk-heat-map',
    'risk-trend',
  ]);
}

/**
 * DM standups with both replicas running their schedulers: each role holder gets one DM prompt and, not having
 * answered, one reminder in its thread (claimed in `standup_dms` before it is posted), and one summary is posted.
 */
export async function dmStandupsOnce(backend: Backend): Promise<void> {
  const c = await startCluster(backend, '2026-12-07T07:00:00Z');
  await staffRelease(c);
  expect(await c.command(CAST.rm.id, 'standup config delivery:dm')).toContain('by DM');
  const people = [CAST.rm.id, CAST.tech.id, CAST.qa.id, CAST.devops.id, CAST.po.id];
  const prompts = (userId: string) =>
    c.fake.messages(c.fake.dmChannelId(userId)).filter((m) => m.text.startsWith('Daily standup'));
  const reminders = (userId: string) => c.fake.thread(c.fake.dmChannelId(userId), prompts(userId)[0]?.ts ?? '');
  c.clock.set('2026-12-07T08:30:00Z'); // 09:30 Berlin
  await c.fake.waitFor(() => people.every((p) => prompts(p).length > 0), { timeoutMs: 20_000 });
  await c.view.settled(c.clock.now());
  c.clock.set('2026-12-07T10:31:00Z'); // the reminder, 2 h after each prompt
  await c.fake.waitFor(() => people.every((p) => reminders(p).length > 0), { timeoutMs: 20_000 });
  await c.view.settled(c.clock.now());
  // Several scheduler ticks of both replicas later, still one of each.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const p of people) {
    expect(prompts(p), `prompts of ${p}`).toHaveLength(1);
    expect(reminders(p), `reminders of ${p}`).toHaveLength(1);
  }
  c.clock.set('2026-12-07T12:31:00Z');
  await c.fake.waitFor(() => c.fake.messages(CHANNEL).some((m) => m.text.startsWith('Standup summary')), {
    timeoutMs: 20_000,
  });
  await c.view.settled(c.clock.now());
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(c.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Standup summary'))).toHaveLength(1);
  for (const p of people) expect(reminders(p)).toHaveLength(1);
}

const postTo = (channel: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' &&
  call.params.get('channel') === channel &&
  (call.params.get('text') ?? '').includes('Escalation #');

/**
 * An escalation climbing while one replica is `kill -9`'d at the moment the fake Slack takes its level-2 post: the
 * other replica takes the step over, and every level is posted exactly once.
 */
export async function escalationSurvivesKill(backend: Backend): Promise<void> {
  const c = await startCluster(backend);
  await staffRelease(c);
  await c.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}|eng-managers> ping:<!subteam^S0MGRS|@managers>`);
  await c.command(CAST.rm.id, `escalation level:3 channel:<#${EXEC}|executives> ping:<@${CAST.outsider.id}>`);
  await c.command(CAST.qa.id, 'escalate The payment provider is down');
  const posts = (channel: string) => c.fake.messages(channel).filter((m) => m.text.includes('Escalation #'));
  expect(posts(CHANNEL)).toHaveLength(1);

  // Whichever replica runs the level-2 step dies the moment Slack has its post.
  const killed = Promise.race(c.replicas.map((r) => r.tap.killWhen(postTo(MGMT), r.kill).then(() => r)));
  c.clock.advance(31 * MINUTE);
  const victim = await killed;
  for (const r of c.replicas) r.tap.disarm();
  expect(await victim.exited).toBe('SIGKILL');
  const survivor = c.replicas.find((r) => r !== victim) as Replica;
  expect(posts(MGMT)).toHaveLength(1);

  // The survivor takes the step's delivery over once the dead one's hold on the post runs out.
  for (let i = 0; i < 6; i += 1) {
    c.clock.advance(30_000);
    await c.view.settled(c.clock.now(), [victim.name]);
  }
  const [escalation] = await c.view.store.escalations.listForRelease(1);
  const recorded = await c.view.store.escalations.messages(escalation?.id ?? 0);
  expect(recorded.filter((m) => m.kind === 'level').map((m) => [m.level, m.ts])).toEqual([
    [1, posts(CHANNEL)[0]?.ts],
    [2, posts(MGMT)[0]?.ts],
  ]);
  // Level 2 waits 15 minutes: then level 3, posted by the survivor, once.
  c.clock.advance(15 * MINUTE);
  await c.fake.waitFor(() => posts(EXEC).length > 0, { timeoutMs: 20_000 });
  for (let i = 0; i < 4; i += 1) {
    c.clock.advance(30_000);
    await c.view.settled(c.clock.now(), [victim.name]);
  }
  expect([posts(CHANNEL).length, posts(MGMT).length, posts(EXEC).length]).toEqual([1, 1, 1]);
  expect(c.fake.messages(CHANNEL).filter((m) => m.text.includes('could not reach'))).toHaveLength(0);
  survivor.child.kill('SIGTERM');
  expect(await survivor.exited).toBe(0);
}

/**
 * The weekly review message with owners clicking at once, their clicks split across both replicas: every review
 * lands on the one message (who reviewed which risk), and once all are reviewed its review buttons are gone.
 */
export async function reviewClicksAcrossReplicas(backend: Backend): Promise<void> {
  const c = await startCluster(backend);
  await staffRelease(c);
  const owned = [
    ['Schema migration', CAST.tech.id],
    ['Vendor SLA', CAST.devops.id],
    ['Test lab capacity', CAST.qa.id],
    ['Rollback script', CAST.devops.id],
  ] as const;
  for (const [title, owner] of owned)
    expect(await c.command(CAST.rm.id, `risk add "${title}" severity:3 likelihood:3 owner:<@${owner}>`)).toContain('#');
  // Monday 2026-11-30 10:00 Berlin: the week's review, posted by one of the two schedulers (the week of the creation
  // had one too, before these risks existed).
  c.clock.set('2026-11-30T09:00:00Z');
  const review = () =>
    c.fake
      .messages(CHANNEL)
      .filter((m) => m.text.startsWith('Weekly risk review') && JSON.stringify(m.blocks).includes('risks reviewed'));
  const posted = await c.fake.waitFor(() => review()[0], { timeoutMs: 20_000 });
  expect(JSON.stringify(posted.blocks)).toContain('0 of 4 risks reviewed, 4 left');
  const clicks = owned.map(([, owner], i) =>
    c.driver.clickButton({
      userId: owner,
      channelId: CHANNEL,
      messageTs: posted.ts,
      actionId: 'risk_still_valid',
      value: String(i + 1),
    }),
  );
  expect((await Promise.all(clicks)).every((r) => r.status === 200)).toBe(true);
  const done = await c.fake
    .waitFor(
      () => {
        const m = c.fake.message(CHANNEL, posted.ts);
        return m && JSON.stringify(m.blocks).includes('All 4 risks are reviewed') ? m : undefined;
      },
      { timeoutMs: 20_000 },
    )
    .catch(async (error: unknown) => {
      const history = (await c.view.store.risks.history(1)).map((h) => `${h.riskId} ${h.change} ${h.actorId}`);
      const logs = c.replicas.map((r) => `${r.name}: ${r.output()}`).join('\n');
      throw new Error(
        `${String(error)}\nshown: ${JSON.stringify(c.fake.message(CHANNEL, posted.ts)?.blocks)}\nhistory: ${history.join('; ')}\n${logs}`,
      );
    });
  const shown = JSON.stringify(done.blocks);
  for (const [i, [title, owner]] of owned.entries())
    expect(shown).toContain(`#${i + 1} ${title}: still valid, by <@${owner}>`);
  expect(shown).not.toContain('risk_still_valid');
  expect(shown).not.toContain('risk_mitigated');
  // One message for the week (its note buttons carry the week), updated in place.
  const thisWeek = c.fake
    .messages(CHANNEL)
    .filter((m) => m.text.startsWith('Weekly risk review') && JSON.stringify(m.blocks).includes('2026-11-30'));
  expect(thisWeek.map((m) => m.ts)).toEqual([posted.ts]);
}
