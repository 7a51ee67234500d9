import { expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { type BotProcess, startBotProcess } from '../helpers/process.ts';
import { viewPostgres } from '../helpers/replicas.ts';
import { createSlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { createDatabase, describePostgres } from '../support/postgres/test-database.ts';
import {
  type Backend,
  dmStandupsOnce,
  escalationSurvivesKill,
  reviewClicksAcrossReplicas,
  scheduledPostsOnce,
  voteStorm,
} from './replica-scenarios.ts';

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
  onTestFinished(() => fake.close());
  return fake;
}

function slackEnv(fake: FakeSlack) {
  return { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' };
}

async function start(env: Record<string, string>): Promise<{ bot: BotProcess; port: string }> {
  const bot = startBotProcess(env);
  onTestFinished(() => void bot.child.kill('SIGKILL'));
  const [, port] = await bot.waitForOutput(/HTTP on port (\d+)/, 30_000);
  return { bot, port: port as string };
}

async function health(port: string) {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.json() };
}

/** A signed `/release` command to one replica, and the answer it posted to the response URL. */
async function command(fake: FakeSlack, port: string, userId: string, text: string): Promise<string> {
  const driver = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  const sent = await driver.command({ userId, channelId: CHANNEL, text });
  expect(sent.status).toBe(200);
  const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
    timeoutMs: 10_000,
  });
  return JSON.stringify(post.body);
}

/**
 * Two processes on one database, as two replicas behind a load balancer: what one is told, the other knows. No
 * sticky sessions: each request may land on either.
 */
async function twoReplicasServeOneTeam(databaseEnv: Record<string, string>): Promise<void> {
  const fake = await fakeSlack();
  const env = { ...slackEnv(fake), ...databaseEnv };
  const [a, b] = await Promise.all([start(env), start(env)]);
  expect(await command(fake, a.port, CAST.rm.id, 'create 2.4.0 target:2026-12-10')).toContain(
    'created release *2.4.0*',
  );
  await command(fake, b.port, CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  await command(fake, a.port, CAST.rm.id, `role qa_lead <@${CAST.qa.id}>`);
  // The one "created" message, updated in place by whichever replica took each role command, shows both roles.
  const created = await fake.waitFor(() => {
    const all = fake.messages(CHANNEL).filter((m) => m.text.startsWith('Release 2.4.0 created'));
    return all.length === 1 && JSON.stringify(all[0]?.blocks).includes('*QA Lead*: <@UQA>') ? all[0] : undefined;
  });
  expect(JSON.stringify(created.blocks)).toContain('*Release Manager*: <@URM>');
  expect(JSON.stringify(created.blocks)).not.toContain('name the Release Manager');
  for (const replica of [a, b]) {
    const status = await command(fake, replica.port, CAST.qa.id, 'status');
    expect(status).toContain('Release 2.4.0');
    expect(status).toContain('*Release Manager*: <@URM>');
    expect(status).toContain('<@UQA>');
    expect(await health(replica.port)).toEqual({ status: 200, body: { status: 'ready', database: 'migrated' } });
  }
  for (const replica of [a, b]) replica.bot.child.kill('SIGTERM');
  expect(await Promise.all([a.bot.exited, b.bot.exited])).toEqual([0, 0]);
}

describePostgres('replicas on PostgreSQL', (postgres) => {
  test('npm start with DATABASE_URL migrates and is ready; a database that goes away turns /healthz to 503', async () => {
    const fake = await fakeSlack();
    const database = await createDatabase(postgres.serverUrl());
    onTestFinished(() => database.drop());
    const { bot, port } = await start({ ...slackEnv(fake), DATABASE_URL: database.url });
    expect(bot.output()).toMatch(/database postgres:\/\/postgres@127\.0\.0\.1:\d+\/release_bot_test_\w+/);
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ready', database: 'migrated' } });
    await database.drop();
    expect(await health(port)).toEqual({
      status: 503,
      body: { status: 'ready', database: 'unreachable', problem: expect.any(String) },
    });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 60_000);

  test('two replicas on one PostgreSQL database answer for the same release', async () => {
    await twoReplicasServeOneTeam({ DATABASE_URL: postgres.url() });
  }, 60_000);
});

describePostgres('two replicas on one PostgreSQL database, end to end', (postgres) => {
  const backend: Backend = {
    name: 'PostgreSQL',
    env: async () => {
      const database = await createDatabase(postgres.serverUrl());
      onTestFinished(() => database.drop());
      return { DATABASE_URL: database.url };
    },
    view: (env) => viewPostgres(env.DATABASE_URL as string),
  };

  test('a vote storm split across both: every vote recorded once, the message shows the final database state', async () => {
    await voteStorm(backend);
  }, 120_000);

  test('a standup, its reminder and summary, and the weekly review and report, each posted exactly once', async () => {
    await scheduledPostsOnce(backend);
  }, 120_000);

  test('DM standups: one prompt and one reminder per person, one summary, with both schedulers running', async () => {
    await dmStandupsOnce(backend);
  }, 120_000);

  test('owners review risks at once through both: the weekly review message shows every review, then no buttons', async () => {
    await reviewClicksAcrossReplicas(backend);
  }, 120_000);

  test('an escalation climbing while one replica is kill -9ed at its level-2 post: one post per level', async () => {
    await escalationSurvivesKill(backend);
  }, 120_000);
});
