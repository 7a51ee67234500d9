import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const MGMT = 'C0MGMT';

function summaries(t: TestBot): FakeMessage[] {
  return t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Standup summary'));
}

type Json = Record<string, unknown>;

/** The input block of a modal with that block id. */
function inputBlock(view: Json, blockId: string): Json {
  const block = (view.blocks as Json[]).find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no block ${blockId}`);
  return block.element as Json;
}

test('Escalate on a standup blocker: the form is prefilled with the blocker, submitted, posted at level 2, escaped', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t); // Europe/Berlin, window 2026-12-01..12
  const configured = await t.command(CAST.rm.id, `escalation level:2 channel:<#${MGMT}|eng-managers>`);
  expect(configured.visible).toContain('now posts in <#C0MGMT>');

  t.clock.set('2026-12-01T08:30:00Z'); // 09:30 in Berlin: the standup time
  await t.tick();
  await t.tick();
  const prompt = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Daily standup'));
  if (!prompt) throw new Error('no standup prompt');

  const blocker = 'Staging DB down <!channel> see <https://evil.example|the runbook> & retry';
  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: 'standup_answer',
  });
  const answerView = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
  const answered = await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(answerView.id),
    values: { 'standup:tech_lead:blockers': { value: blocker } },
  });
  expect(answered.ack ?? null).toBeNull();

  t.clock.set('2026-12-01T12:30:00Z'); // the cut-off: the summary
  await t.tick();
  await t.tick();
  const summary = await t.fake.waitFor(() => summaries(t)[0]);
  expect(visibleText(summary)).toContain('Blocker');
  expect(visibleText(summary)).not.toContain('<!channel>');

  // the Release Manager clicks Escalate on the blocker
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: summary.ts,
    actionId: 'standup_escalate',
  });
  const form = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  expect(form.callback_id).toBe('raise_escalation');
  const prefilled = String(inputBlock(form, 'escalation_summary').initial_value);
  expect(prefilled).toContain('Blocker from the 2026-12-01 standup');
  expect(prefilled).toContain('Tech Lead');
  expect(prefilled).toContain(blocker); // plain text in an input: shown as typed
  const category = inputBlock(form, 'escalation_category').initial_option as Json;
  expect(category.value).toBe('blocker');

  // submitted as prefilled (the person could edit it): raised at level 2 in #eng-managers
  const submitted = await t.driver.submitView({ userId: CAST.rm.id, viewId: String(form.id) });
  expect(submitted.ack ?? null).toBeNull();
  const posted = await t.fake.waitFor(() => t.fake.messages(MGMT)[0]);
  const text = visibleText(posted);
  expect(text).toContain('Staging DB down');
  expect(text).toContain('&lt;!channel&gt;');
  expect(text).not.toContain('<!channel>');
  expect(text).not.toContain('<https://evil.example|');
  expect(posted.text).not.toContain('<!channel>');
  expect(text).toMatch(/Level 2/);
  const confirmation = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.rm.id }).find((e) => e.text.includes('is raised at')),
  );
  expect(confirmation.text).toContain('Level 2');

  const list = await t.command(CAST.rm.id, 'escalations');
  expect(list.visible).toContain('Staging DB down');

  // the exported record holds the standup summary and the escalation, typed text escaped for Markdown
  const exported = await t.command(CAST.rm.id, 'export');
  expect(exported.visible).toContain('Uploaded the record');
  const record = await t.fake.waitFor(() => t.fake.files.at(-1));
  const standups = record.content.slice(record.content.indexOf('## Standup summaries'));
  expect(standups).toContain('**2026-12-01**');
  expect(standups).toContain(
    `Blocker (${CAST.tech.id.toLowerCase()}): Staging DB down \\<!channel\\> see \\<https://evil.example\\|the runbook\\> & retry`,
  );
  expect(standups).toContain(`Did not answer: ${CAST.rm.id.toLowerCase()} (Release Manager)`);
  expect(record.content).toContain('## Votes\n\nNothing recorded.');
});

test('once the summary is out the prompt is closed: no buttons, a pointer to the summary, answers refused', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();
  const prompt = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Daily standup'));
  if (!prompt) throw new Error('no standup prompt');
  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: CHANNEL,
    messageTs: prompt.ts,
    actionId: 'standup_answer',
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
  await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(view.id),
    values: { 'standup:tech_lead:blockers': { value: 'CI is red' } },
  });
  t.clock.set('2026-12-01T12:30:00Z');
  await t.tick();
  await t.tick();
  await t.fake.waitFor(() => summaries(t)[0]);
  const closed = await t.fake.waitFor(() => {
    const now = t.fake.message(CHANNEL, prompt.ts);
    return visibleText(now).includes('closed') ? now : undefined;
  });
  expect(visibleText(closed)).toContain('see the summary');
  expect(JSON.stringify(closed.blocks)).not.toContain('standup_answer');
  await expect(
    t.driver.clickButton({ userId: CAST.qa.id, channelId: CHANNEL, messageTs: prompt.ts, actionId: 'standup_answer' }),
  ).rejects.toThrow(/no button/);
});
