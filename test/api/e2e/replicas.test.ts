import { expect, onTestFinished, test } from 'vitest';
import { issueApiToken } from '../../../src/api/index.ts';
import { createReleaseBot, type ReleaseBot } from '../../../src/bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { callApi } from '../../helpers/api.ts';
import { manualClock } from '../../helpers/clock.ts';
import { FAKE_USERS, SIGNING_SECRET } from '../../helpers/e2e.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { decideGo } from '../../helpers/gate.ts';
import { CHANNEL } from '../../helpers/people.ts';
import { startFakeSlack } from '../../support/fake-slack/fake-slack.ts';
import { createDatabase, describePostgres } from '../../support/postgres/test-database.ts';

describePostgres('the pipeline API on two replicas (PostgreSQL)', (postgres) => {
  async function twoReplicas() {
    const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
    const database = await createDatabase(postgres.serverUrl());
    const clock = manualClock('2026-11-23T09:00:00Z');
    const config = parseConfig({
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATABASE_URL: database.url,
    });
    const boot = async (instanceId: string) => {
      const bot = await createReleaseBot({
        config,
        clock,
        instanceId,
        logger: createLogger('error', () => undefined),
        schedule: false,
        channelPostIntervalMs: 0,
      });
      const { port } = await bot.start();
      return { bot, port: port as number };
    };
    const a = await boot('a');
    const b = await boot('b');
    onTestFinished(async () => {
      await a.bot.stop();
      await b.bot.stop();
      await database.drop();
      await fake.close();
    });
    return { a, b, clock, fake };
  }

  async function releaseWithToken(bot: ReleaseBot) {
    const release = await insertStaffedRelease(bot.deps, { channelId: CHANNEL, name: '2.4.0' });
    const issued = await issueApiToken(bot.deps, {
      teamId: release.teamId,
      channelId: CHANNEL,
      name: 'ci',
      createdBy: 'URM',
    });
    if (!issued.ok) throw new Error(issued.message);
    return { release, secret: issued.secret };
  }

  test('a wait held on one replica is answered within about a second when the RM decides on the other', async () => {
    const { a, b } = await twoReplicas();
    const { release, secret } = await releaseWithToken(b.bot);
    const held = callApi(a, 'GET', '/api/v1/releases/current/gate?wait=600', { token: secret });
    // Held once replica A has read the token and the gate (moments; seconds on a busy machine).
    const until = performance.now() + 10_000;
    while (a.bot.gateWatch.held() === 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(a.bot.gateWatch.held()).toBe(1);
    // The Go is decided on replica B: nothing in A's process hears of it; A's database poll does.
    await decideGo(b.bot.deps, release.id);
    const decided = performance.now();
    const open = await held;
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ gate: 'open', waited: 'changed' });
    expect(performance.now() - decided).toBeLessThan(2_500);
  }, 30_000);

  test('the rate limit is counted in the database: both replicas count the same requests', async () => {
    const { a, b } = await twoReplicas();
    const { secret } = await releaseWithToken(a.bot);
    for (let i = 0; i < 60; i += 1) {
      const replica = i % 2 === 0 ? a : b;
      expect((await callApi(replica, 'GET', '/api/v1/releases/current', { token: secret })).status).toBe(200);
    }
    expect((await callApi(a, 'GET', '/api/v1/releases/current', { token: secret })).status).toBe(429);
    expect((await callApi(b, 'GET', '/api/v1/releases/current', { token: secret })).status).toBe(429);
  }, 30_000);

  test('the same Idempotency-Key sent to both replicas at once raises one escalation', async () => {
    const { a, b } = await twoReplicas();
    const { release, secret } = await releaseWithToken(a.bot);
    const body = { summary: 'Payments API returns 502', category: 'blocker' };
    const headers = { 'Idempotency-Key': 'both-replicas' };
    const answers = await Promise.all(
      [a, b, a, b].map((replica) =>
        callApi(replica, 'POST', '/api/v1/releases/current/escalations', { token: secret, body, headers }),
      ),
    );
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await a.bot.store.escalations.listForRelease(release.id)).toHaveLength(1);
    // And an alert's dedup key, raised on both at once, is one escalation.
    const alert = { summary: 'disk full', dedup_key: 'disk' };
    await Promise.all(
      [a, b, a, b].map((r) =>
        callApi(r, 'POST', '/api/v1/releases/current/escalations', { token: secret, body: alert }),
      ),
    );
    const escalations = await a.bot.store.escalations.listForRelease(release.id);
    expect(escalations).toHaveLength(2);
    expect(await a.bot.store.escalations.alertOf(escalations[1]?.id as number)).toMatchObject({ fired: 4 });
  }, 30_000);
});
