/**
 * Issue 12, limits: every view the bot builds, rendered with the longest input each field accepts, all of it made of
 * characters that grow when escaped (`<` becomes `&lt;`). The fake Slack validates what Slack validates (every element's
 * limit, 50 blocks, 12,000 characters of block text per message, `chat.update` text 4,000, views 250 kB): not one
 * call, response or view may be refused.
 */
import { expect, test } from 'vitest';
import { ACTION_IDS } from '../../src/core/ids.ts';
import { commandPosting } from '../helpers/channel-posts.ts';
import { startTestBot, type TestBot } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { click, openPoll, ROLE_HOLDERS, voteWithNote } from '../polls/e2e/poll-driver.ts';
import { blockText, MAX_MESSAGE_BLOCK_TEXT } from '../support/fake-slack/block-kit.ts';

/** `n` characters that each escape to 4 or 5, with mrkdwn and a bidi override mixed in. */
const worst = (n: number) => '<&>*_~`\u202E'.repeat(Math.ceil(n / 8)).slice(0, n);
const NAME = worst(80).replaceAll(' ', '');

function refusals(t: TestBot) {
  const calls = t.fake.calls.filter((c) => !c.ok && /invalid|too_long|too_large|msg_|blocks/.test(c.error ?? ''));
  const responses = t.fake.responseUrlPosts.filter((p) => p.status !== 200);
  return [
    ...calls.map((c) => `${c.method}: ${c.error}`),
    ...responses.map((p) => `response_url ${p.status}: ${p.errors}`),
  ];
}

async function submitModal(t: TestBot, userId: string, values: Record<string, Record<string, unknown>>) {
  const view = await t.fake.waitFor(() => t.fake.openViews(userId).at(-1));
  return t.driver.submitView({ userId, viewId: String(view.id), values: values as never });
}

test('every builder with maximal inputs stays within Slack’s limits', async () => {
  const t = await startTestBot();
  // Releases, roles, the App Home.
  const created = await t.command(CAST.rm.id, `create "${NAME}" target:2026-12-10 window:2026-12-01..2026-12-12`);
  expect(created.reply?.response_type, created.visible).toBe('in_channel');
  for (const [role, who] of [
    ['rm', CAST.rm.id],
    ['tech-lead', CAST.tech.id],
    ['qa', CAST.qa.id],
    ['devops', CAST.devops.id],
    ['po', CAST.po.id],
  ] as const) {
    await t.command(CAST.rm.id, `role ${role} <@${who}>`);
  }
  await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create' });
  await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  t.fake.closeView(CAST.rm.id);
  await t.driver.openHome(CAST.rm.id);
  await t.fake.waitFor(() => t.fake.homeView(CAST.rm.id));

  // Risks: 40 of the longest titles and mitigations, the list, the modal, the report.
  for (let i = 0; i < 40; i += 1) {
    await t.command(CAST.tech.id, `risk add "${worst(150)}" severity:5 likelihood:5 mitigation:"${worst(1000)}"`);
  }
  await t.command(CAST.tech.id, 'risk list');
  await t.driver.command({ userId: CAST.tech.id, channelId: CHANNEL, text: 'risk add' });
  await submitModal(t, CAST.tech.id, {
    risk_title: { value: worst(150) },
    risk_severity: { value: '4' },
    risk_likelihood: { value: '4' },
    risk_mitigation: { value: worst(1000) },
  });
  await t.command(CAST.rm.id, 'risk report now');

  // Escalations: the longest summary, the list, the settings.
  await t.command(CAST.qa.id, `escalate ${worst(1000)}`);
  await t.driver.command({ userId: CAST.qa.id, channelId: CHANNEL, text: 'escalate' });
  await submitModal(t, CAST.qa.id, {
    escalation_summary: { value: worst(1000) },
    escalation_category: { value: 'minor' },
  });
  await t.command(CAST.rm.id, 'escalations');
  await t.command(CAST.rm.id, 'escalation');
  // The levels form opens; closed again so the forms below are the newest.
  const levels = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  await t.driver.closeView({ userId: CAST.rm.id, viewId: String(levels.id) });

  // Governance: decisions, a proposal, a conflict, the log, the checklist and its modal, handoffs, RACI.
  await commandPosting(t, CAST.devops.id, `decide deployment-method "${worst(500)}" why:"${worst(500)}"`);
  const proposal = await commandPosting(t, CAST.po.id, `decide scope "${worst(500)}"`);
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: proposal.ts,
    actionId: ACTION_IDS.scopeAgree,
  });
  await t.command(CAST.qa.id, `conflict architecture "${worst(500)}" | "${worst(500)}"`);
  await t.command(CAST.rm.id, 'decisions');
  await t.command(CAST.qa.id, 'checklist');
  await t.driver.clickButton({
    userId: CAST.qa.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistTick,
    value: JSON.stringify({ r: 1, k: 'tests_passing' }),
  });
  await submitModal(t, CAST.qa.id, { evidence_url: { value: `https://ci.example.com/${'a'.repeat(960)}` } });
  await t.command(CAST.rm.id, `checklist override ${worst(500)}`);
  await commandPosting(t, CAST.qa.id, 'handoff qa-devops');
  await t.command(CAST.rm.id, 'raci');

  // Polls: every role votes No-Go with the longest reason, then the decision with the longest rationale.
  const poll = await openPoll(t);
  for (const [role, voter] of ROLE_HOLDERS) {
    await voteWithNote(t, poll, voter, role, ACTION_IDS.pollVoteNoGo, worst(1000));
  }
  await click(t, poll, CAST.rm.id, 'rm', ACTION_IDS.pollVoteNoGo).catch(() => undefined);
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: 'poll_decide_no_go',
    value: String(poll.pollId),
  });
  await submitModal(t, CAST.rm.id, { poll_rationale: { value: worst(1000) } });

  // Standups: the prompt, the longest answers, the summary; the schedule; status; metrics; export.
  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();
  const prompt = await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Daily standup')));
  for (const userId of [CAST.tech.id, CAST.qa.id, CAST.devops.id, CAST.po.id, CAST.rm.id]) {
    await t.driver.clickButton({ userId, channelId: CHANNEL, messageTs: prompt.ts, actionId: 'standup_answer' });
    const view = await t.fake.waitFor(() => t.fake.openViews(userId).at(-1));
    const values: Record<string, { value: string }> = {};
    type Input = {
      type: string;
      block_id: string;
      element?: { type?: string; max_length?: number; options?: Array<{ value: string }> };
    };
    for (const block of view.blocks as Input[]) {
      if (block.type === 'input' && block.element?.type === 'number_input') {
        values[block.block_id] = { value: '9999999' }; // the largest count a standup takes
      } else if (block.type === 'input' && block.element?.type === 'plain_text_input') {
        // Every text field its longest text.
        const max = block.element.max_length ?? 3000;
        values[block.block_id] = { value: worst(max) };
      } else if (block.type === 'input' && block.element?.options?.[0]) {
        values[block.block_id] = { value: block.element.options[0].value };
      }
    }
    await t.driver.submitView({ userId, viewId: String(view.id), values: values as never });
  }
  t.clock.set('2026-12-01T12:30:00Z');
  await t.tick();
  await t.tick();
  await t.command(CAST.rm.id, 'schedule');
  await t.command(CAST.rm.id, 'status');
  await t.command(CAST.rm.id, 'list');
  await t.command(CAST.rm.id, 'metrics');
  await t.command(CAST.rm.id, 'help');
  await t.command(CAST.rm.id, 'export');
  await t.bot.idle(5000);

  expect(refusals(t)).toEqual([]);
  for (const message of t.fake.messages(CHANNEL)) {
    expect(blockText(message.blocks)).toBeLessThanOrEqual(MAX_MESSAGE_BLOCK_TEXT);
    expect(message.text).not.toMatch(/\u202E/);
  }
  // It was long enough to need cutting, and the cut says so.
  expect(t.fake.responseUrlPosts.some((p) => JSON.stringify(p.body).includes('`/release export` has all of it'))).toBe(
    true,
  );
  expect(t.fake.files.length).toBeGreaterThan(0);
}, 120_000);
