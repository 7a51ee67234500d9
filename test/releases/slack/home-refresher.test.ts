import { LogLevel, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { changeReleaseStatus, createHomeRefresher } from '../../../src/releases/index.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { insertStaffedRelease } from '../../helpers/factories.ts';
import { CAST, TEAM } from '../../helpers/people.ts';
import { startFakeSlack } from '../../support/fake-slack/fake-slack.ts';

/** The refresher (src/releases/slack/gateways/home-refresher.ts) over a real store and client, against the fake Slack. */
async function setup(delayMs = 60_000) {
  const fake = await startFakeSlack({ users: Object.values(CAST).map((p) => ({ id: p.id, name: p.name })) });
  onTestFinished(() => fake.close());
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  const deps = createTestDeps();
  const refresher = createHomeRefresher({ deps: () => deps, client, logger: deps.logger, delayMs });
  deps.homeRefresh = Object.assign(refresher, { changes: [] });
  onTestFinished(() => refresher.stop());
  const release = await insertStaffedRelease(deps);
  const publishes = (userId: string) =>
    fake.callsTo('views.publish').filter((c) => c.ok && c.params.user_id === userId).length;
  return { fake, deps, refresher, release, publishes };
}

test('only people who opened their Home are published to, once per batch however many changes', async () => {
  const { deps, refresher, release, publishes } = await setup();
  await deps.store.homes.remember({ teamId: TEAM, userId: CAST.qa.id, shown: [], publishedAt: deps.clock.now() });
  for (let i = 0; i < 10; i += 1) refresher.changed(release.id);
  await refresher.idle();
  expect(publishes(CAST.qa.id)).toBe(1);
  expect(publishes(CAST.tech.id)).toBe(0);
  // What was shown is remembered: the release's card.
  const [viewer] = await deps.store.homes.viewers(TEAM);
  expect(viewer?.shown).toEqual([release.id]);
});

test('a Home that showed the release is refreshed after its person lost every role there', async () => {
  const { deps, refresher, release, publishes } = await setup();
  await deps.store.homes.remember({
    teamId: TEAM,
    userId: CAST.outsider.id,
    shown: [release.id],
    publishedAt: deps.clock.now(),
  });
  refresher.changed(release.id);
  await refresher.idle();
  expect(publishes(CAST.outsider.id)).toBe(1);
  expect((await deps.store.homes.viewers(TEAM))[0]?.shown).toEqual([]);
});

test('a change noted inside a transaction is published once it has committed, with nothing logged', async () => {
  // A short delay and no flush by hand: the timer armed inside the transaction fires by itself.
  const { fake, deps, release, publishes } = await setup(20);
  await deps.store.homes.remember({ teamId: TEAM, userId: CAST.rm.id, shown: [], publishedAt: deps.clock.now() });
  // Cancelling runs the statusChanged steps, which note the change, inside the status change's transaction.
  const cancelled = await changeReleaseStatus(deps, { release, actorId: CAST.rm.id, action: 'cancel' });
  expect(cancelled.ok).toBe(true);
  await fake.waitFor(() => publishes(CAST.rm.id) === 1 || deps.logger.entries.length > 0);
  expect(deps.logger.entries.filter((e) => e.level === 'warn')).toEqual([]);
  expect(publishes(CAST.rm.id)).toBe(1);
});

test('a Home published since the last change (a click answered on it) is not published again', async () => {
  const { deps, refresher, release, publishes } = await setup();
  await deps.store.homes.remember({ teamId: TEAM, userId: CAST.rm.id, shown: [], publishedAt: deps.clock.now() });
  refresher.changed(release.id);
  refresher.published(CAST.rm.id);
  await refresher.idle();
  expect(publishes(CAST.rm.id)).toBe(0);
  refresher.changed(release.id);
  await refresher.idle();
  expect(publishes(CAST.rm.id)).toBe(1);
});
