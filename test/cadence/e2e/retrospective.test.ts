import { expect, test } from 'vitest';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { createStaffedRelease, startTestBot, visibleText } from '../../helpers/e2e.ts';
import { goThroughSlack } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

test('marking a release done prompts every role holder for the retrospective; the summary follows the cut-off', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  // Shipping needs a Go since issue 13: the setup takes the release through one.
  await goThroughSlack(t);
  await commandPosting(t, CAST.rm.id, 'ship');
  await commandPosting(t, CAST.rm.id, 'done');
  await t.tick();
  await t.tick();
  const prompts = t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Retrospective for'));
  expect(prompts).toHaveLength(1);
  const prompt = prompts[0];
  if (!prompt) throw new Error('no prompt');
  for (const id of [CAST.rm.id, CAST.tech.id, CAST.qa.id, CAST.devops.id, CAST.po.id]) {
    expect(visibleText(prompt)).toContain(`<@${id}>`);
  }

  // the Tech Lead is also asked for technical debt, and must give it
  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: 'retro_answer',
  });
  const techView = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
  expect(JSON.stringify(techView)).toContain('Technical debt');
  await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(techView.id),
    values: { retro_well: { value: 'Smooth deploy' }, retro_debt: { value: 'Old payment adapter' } },
  });
  await t.driver.clickButton({
    userId: CAST.qa.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: 'retro_answer',
  });
  const qaView = await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id).at(-1));
  expect(JSON.stringify(qaView)).not.toContain('Technical debt');
  const empty = await t.driver.submitView({ userId: CAST.qa.id, viewId: String(qaView.id), values: {} });
  expect(JSON.stringify(empty.ack)).toContain('Answer at least one');
  await t.driver.submitView({
    userId: CAST.qa.id,
    viewId: String(qaView.id),
    values: { retro_lessons: { value: 'Freeze earlier' } },
  });
  await t.fake.waitFor(() => (t.fake.thread(CHANNEL, prompt.ts).length === 2 ? true : undefined));

  t.clock.advance(2 * 86_400_000);
  await t.tick();
  const summaries = t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Retrospective summary'));
  expect(summaries).toHaveLength(1);
  const text = visibleText(summaries[0]);
  expect(text).toContain('Smooth deploy');
  expect(text).toContain('Old payment adapter');
  expect(text).toContain('Freeze earlier');
  expect(text).toMatch(/No answer from: .*<@URM>/);
  await t.tick();
  expect(t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Retrospective summary'))).toHaveLength(1);
});
