/**
 * Issue 17, copy: a release walked through with ordinary sample data renders every message, modal, Home tab and
 * command reply the bot builds; each is checked for copy faults Slack would show: a label ending in "(optional)" on an
 * optional input (Slack adds its own, so people read "(optional) (optional)"), a doubled word ("the the"), and a
 * label, button or header over Slack's limits.
 */
import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, type TestBot } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { click, decide, openPoll } from '../polls/e2e/poll-driver.ts';

type Json = { [key: string]: unknown };
const LIMITS = { label: 2000, button: 75, header: 150, title: 24, submit: 24, close: 24 } as const;
const TEXT_LIMITS: Record<string, number> = { title: LIMITS.title, submit: LIMITS.submit, close: LIMITS.close };

/** Every fault in one rendered surface (blocks of a message, a view, or a response). */
function copyFaults(where: string, surface: unknown): string[] {
  const faults: string[] = [];
  const walk = (node: unknown, parent: Json | undefined, key: string | undefined) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, parent, key);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as Json;
    if (obj.type === 'input') {
      const label = String((obj.label as Json | undefined)?.text ?? '');
      if (obj.optional === true && /\(optional\)\s*$/i.test(label))
        faults.push(`${where}: label "${label}" (optional) (optional)`);
      if (label.length > LIMITS.label) faults.push(`${where}: label over ${LIMITS.label}`);
    }
    if (obj.type === 'button') {
      const text = String((obj.text as Json | undefined)?.text ?? '');
      if (text.length > LIMITS.button) faults.push(`${where}: button "${text}" over ${LIMITS.button}`);
    }
    if (obj.type === 'header') {
      const text = String((obj.text as Json | undefined)?.text ?? '');
      if (text.length > LIMITS.header) faults.push(`${where}: header over ${LIMITS.header}`);
    }
    if ((obj.type === 'plain_text' || obj.type === 'mrkdwn') && typeof obj.text === 'string') {
      const text = obj.text.replace(/<[^>]*>/g, ' ').replace(/`[^`]*`/g, ' ');
      const doubled = /\b([A-Za-z]{2,})\s+\1\b/i.exec(text);
      if (doubled) faults.push(`${where}: doubled "${doubled[0]}" in "${obj.text.slice(0, 120)}"`);
      if (/\(optional\)\s*\(optional\)/i.test(obj.text)) faults.push(`${where}: "(optional) (optional)"`);
      const limit = key === undefined ? undefined : TEXT_LIMITS[key];
      if (limit !== undefined && obj.text.length > limit) faults.push(`${where}: ${key} "${obj.text}" over ${limit}`);
    }
    for (const [k, v] of Object.entries(obj)) walk(v, obj, k);
  };
  walk(surface, undefined, undefined);
  return faults;
}

function everything(t: TestBot): string[] {
  const faults: string[] = [];
  for (const call of t.fake.calls) {
    if (!/^(chat\.|views\.)/.test(call.method)) continue;
    faults.push(...copyFaults(call.method, call.params));
  }
  for (const post of t.fake.responseUrlPosts) faults.push(...copyFaults('response_url', post.body));
  return faults;
}

test('every view and message of a release, with sample data, is free of copy faults', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create' });
  await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  t.fake.closeView(CAST.rm.id);
  await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'roles' });
  await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  t.fake.closeView(CAST.rm.id);
  await t.command(CAST.rm.id, `role qa <@${CAST.qa.id}>`);
  for (const text of ['status', 'list', 'help', 'schedule', 'raci', 'checklist', 'risk list', 'escalations']) {
    await t.command(CAST.rm.id, text);
  }
  await t.command(CAST.tech.id, 'risk add "Payment API limits" severity:4 likelihood:3 due:2026-11-24');
  await t.driver.command({ userId: CAST.tech.id, channelId: CHANNEL, text: 'risk add' });
  await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
  t.fake.closeView(CAST.tech.id);
  await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'standup config' });
  await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  t.fake.closeView(CAST.rm.id);
  await t.command(CAST.devops.id, 'away until:2026-12-02');

  t.clock.set('2026-12-01T08:30:00Z');
  await t.tick();
  await t.tick();
  const prompt = await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Daily standup')));
  for (const userId of [CAST.tech.id, CAST.qa.id, CAST.po.id, CAST.rm.id]) {
    await t.driver.clickButton({ userId, channelId: CHANNEL, messageTs: prompt.ts, actionId: 'standup_answer' });
    await t.fake.waitFor(() => t.fake.openViews(userId).at(-1));
    t.fake.closeView(userId);
  }
  const poll = await openPoll(t);
  await click(t, poll, CAST.tech.id, 'tech_lead', 'poll_vote_go');
  await click(t, poll, CAST.qa.id, 'qa_lead', 'poll_vote_no_go');
  await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id).at(-1));
  t.fake.closeView(CAST.qa.id);
  await decide(t, poll, CAST.rm.id, 'no_go', 'not yet');
  await t.command(CAST.qa.id, 'escalate the staging database is down');
  t.clock.set('2026-12-01T12:30:00Z');
  await t.tick();
  await t.tick();
  for (const userId of [CAST.rm.id, CAST.tech.id, CAST.outsider.id]) {
    await t.driver.openHome(userId);
    await t.fake.waitFor(() => t.fake.homeView(userId));
  }
  await t.command(CAST.rm.id, 'risk report now');
  await t.bot.idle(5000);
  expect(everything(t)).toEqual([]);
}, 60_000);

test('the copy check finds the faults it is for', () => {
  expect(
    copyFaults('v', {
      blocks: [
        { type: 'input', optional: true, label: { type: 'plain_text', text: 'Evidence link (optional)' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Only the the Release Manager' } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) } }] },
      ],
    }),
  ).toHaveLength(3);
});
