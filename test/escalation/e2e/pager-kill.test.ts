import { expect, test } from 'vitest';
import { SIGNING_SECRET } from '../../helpers/e2e.ts';
import {
  command,
  EXEC,
  escalationPosts,
  isPostTo,
  MGMT,
  MINUTE,
  setupKillHarness,
  staffRelease,
} from '../../helpers/kill-harness.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { startReplica } from '../../helpers/replicas.ts';
import { createSlackDriver } from '../../support/fake-slack/driver.ts';

/**
 * Issue 16: the pager survives a kill -9 between two steps. A real bot process (SQLite) is killed the moment the fake
 * Slack has taken the climb's level-2 post, before it could point the level-1 copy up; a new process on the same
 * database finishes the step: the level-1 copy points up, nothing is posted twice, nothing climbs early.
 */

test('kill -9 between the climb’s post and the update of the lower copy: the next process finishes the step once', async () => {
  const { fake, clock, env, view } = await setupKillHarness();
  fake.addUsergroup('S0MGRS', 'managers', [CAST.outsider.id]);
  const first = await startReplica(fake, clock, 'first', env);
  await staffRelease(fake, first);
  await command(fake, first, CAST.rm.id, `escalation level:2 channel:<#${MGMT}> ping:<!subteam^S0MGRS|@managers>`);
  await command(fake, first, CAST.rm.id, `escalation level:3 channel:<#${EXEC}> ping:<@${CAST.outsider.id}>`);
  await command(fake, first, CAST.qa.id, 'escalate The payment provider is down');
  const [level1] = escalationPosts(fake, CHANNEL);
  const killed = first.tap.killWhen(isPostTo(MGMT, /Escalation #/), first.kill);
  clock.advance(31 * MINUTE);
  await killed;
  expect(await first.exited).toBe('SIGKILL');
  expect(escalationPosts(fake, MGMT)).toHaveLength(1);
  expect(fake.message(CHANNEL, level1?.ts as string)?.text).not.toContain('escalated to');

  const second = await startReplica(fake, clock, 'second', env);
  const { settled } = view();
  for (let i = 0; i < 14; i += 1) {
    clock.advance(30_000);
    await settled(clock.now(), ['first']);
  }
  await fake.waitFor(
    () => fake.message(CHANNEL, level1?.ts as string)?.text.startsWith('Escalation #1 escalated to Level 2'),
    { timeoutMs: 10_000 },
  );
  expect(JSON.stringify(fake.message(CHANNEL, level1?.ts as string)?.blocks)).not.toContain('escalation_acknowledge');
  expect(escalationPosts(fake, MGMT)).toHaveLength(1);
  expect(escalationPosts(fake, EXEC)).toHaveLength(0);
  // The group member acknowledges on the new process: the climb stops there.
  const driver = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${second.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  await driver.clickButton({
    userId: CAST.outsider.id,
    channelId: MGMT,
    messageTs: escalationPosts(fake, MGMT)[0]?.ts as string,
    actionId: 'escalation_acknowledge',
  });
  await fake.waitFor(
    () => fake.message(MGMT, escalationPosts(fake, MGMT)[0]?.ts as string)?.text.startsWith('Acknowledged'),
    { timeoutMs: 10_000 },
  );
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 120_000);
