import { expect, test } from 'vitest';
import { SIGNING_SECRET } from '../helpers/e2e.ts';
import {
  command,
  EXEC,
  escalationPosts,
  isPostTo,
  MGMT,
  MINUTE,
  setupKillHarness,
  staffRelease,
} from '../helpers/kill-harness.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { startReplica } from '../helpers/replicas.ts';
import { createSlackDriver } from '../support/fake-slack/driver.ts';

/**
 * Issue 12: "kill -9 during a scheduled post duplicates it". A real bot process (SQLite) is killed the moment the
 * fake Slack has taken its post; a new process on the same database takes the work over when the lease runs out.
 * The post is in Slack once, and the new process knows it.
 */

test('kill -9 the moment Slack took a level-3 post: the process that takes over finds it and pings nobody twice', async () => {
  const { fake, clock, env, view } = await setupKillHarness();
  const first = await startReplica(fake, clock, 'first', env);
  await staffRelease(fake, first);
  await command(
    fake,
    first,
    CAST.rm.id,
    `escalation level:2 channel:<#${MGMT}|eng-managers> ping:<!subteam^S0MGRS|@managers>`,
  );
  await command(
    fake,
    first,
    CAST.rm.id,
    `escalation level:3 channel:<#${EXEC}|executives> ping:<@${CAST.outsider.id}>`,
  );
  await command(fake, first, CAST.qa.id, 'escalate The payment provider is down');
  const killed = first.tap.killWhen(isPostTo(EXEC, /Escalation #/), first.kill);

  clock.advance(31 * MINUTE); // level 2
  await fake.waitFor(() => escalationPosts(fake, MGMT).length === 1, { timeoutMs: 15_000 });
  clock.advance(16 * MINUTE); // level 3: Slack takes the post, the process dies before it hears back
  await killed;
  expect(await first.exited).toBe('SIGKILL');
  expect(escalationPosts(fake, EXEC)).toHaveLength(1);

  const second = await startReplica(fake, clock, 'second', env);
  const { store, settled } = view();
  // Past the post's claim (2 min) and the step timer's lease (5 min), in the steps the timers would take.
  for (let i = 0; i < 14; i += 1) {
    clock.advance(30_000);
    await settled(clock.now(), ['first']);
  }
  expect(escalationPosts(fake, EXEC)).toHaveLength(1);
  expect(escalationPosts(fake, MGMT)).toHaveLength(1);
  // The new process adopted the message: it is the escalation's level-3 message, and an acknowledgement updates it.
  const [escalation] = await store.escalations.listForRelease(1);
  const messages = await store.escalations.messages(escalation?.id ?? 0);
  expect(messages.map((m) => [m.level, m.channelId, m.ts])).toContainEqual([
    3,
    EXEC,
    escalationPosts(fake, EXEC)[0]?.ts,
  ]);
  const acknowledged = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${second.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  await acknowledged.clickButton({
    userId: CAST.outsider.id,
    channelId: EXEC,
    messageTs: escalationPosts(fake, EXEC)[0]?.ts as string,
    actionId: 'escalation_acknowledge',
  });
  await fake.waitFor(
    () => fake.message(EXEC, escalationPosts(fake, EXEC)[0]?.ts as string)?.text.startsWith('Acknowledged'),
    {
      timeoutMs: 10_000,
    },
  );
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 120_000);

test('kill -9 the moment Slack took the standup prompt: the process that takes the run over posts no second prompt', async () => {
  const { fake, clock, env, view } = await setupKillHarness();
  const first = await startReplica(fake, clock, 'first', env);
  await staffRelease(fake, first);
  const killed = first.tap.killWhen(isPostTo(CHANNEL, /^Daily standup/), first.kill);
  clock.set('2026-12-01T08:30:00Z'); // 09:30 in Berlin, the first day of the window
  await killed;
  const prompts = () => fake.messages(CHANNEL).filter((m) => m.text.startsWith('Daily standup'));
  expect(prompts()).toHaveLength(1);

  await startReplica(fake, clock, 'second', env);
  const { store, settled } = view();
  for (let i = 0; i < 12; i += 1) {
    clock.advance(30_000);
    await settled(clock.now(), ['first']);
  }
  expect(prompts()).toHaveLength(1);
  // The new process recorded the prompt it found, so the reminder goes into its thread, once.
  const standup = await store.standups.findBySlot(1, '2026-12-01');
  expect(standup?.messageTs).toBe(prompts()[0]?.ts);
  clock.set('2026-12-01T10:30:00Z');
  await settled(clock.now(), ['first']);
  await fake.waitFor(() => fake.thread(CHANNEL, prompts()[0]?.ts as string).length === 1, { timeoutMs: 10_000 });
  expect(prompts()).toHaveLength(1);
}, 120_000);
