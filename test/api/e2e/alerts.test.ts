import { expect, test } from 'vitest';
import { EscalationAnswerJson } from '../../../src/api/http/schemas.ts';
import { callApi, createTokenThroughSlack } from '../../helpers/api.ts';
import { createStaffedRelease, startTestBot, visibleText } from '../../helpers/e2e.ts';
import { tickWholeChecklist } from '../../helpers/factories.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

const ESCALATIONS = '/api/v1/releases/current/escalations';

async function staffedWithToken() {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t, 'grafana');
  return { t, token };
}

test('an alert flapping 5 times is one escalation that says it fired again ×4; after it is resolved, a new one', async () => {
  const { t, token } = await staffedWithToken();
  const alert = {
    summary: 'Checkout error rate above 5% for 10 minutes',
    category: 'outage',
    source: 'https://grafana.example.com/d/checkout?viewPanel=4&orgId=1',
    dedup_key: 'checkout-error-rate',
  };
  const answers = [];
  for (let i = 0; i < 5; i += 1) {
    answers.push(await callApi(t, 'POST', ESCALATIONS, { token, body: alert }));
    t.clock.advance(2 * 60_000);
  }
  expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200, 200]);
  const first = EscalationAnswerJson.parse(answers[0]?.body);
  // Outage belongs to level 3, and counts as level 3 (no silent downgrade): with no executive channel configured it
  // is posted at the highest reachable level and says so.
  expect(first).toMatchObject({
    repeat: false,
    missing_level: 3,
    escalation: { level: 3, fired: 1, raised_by: { id: 'ci:grafana', name: 'CI (grafana)' } },
  });
  expect(EscalationAnswerJson.parse(answers[4]?.body)).toMatchObject({
    repeat: true,
    escalation: { id: first.escalation.id, fired: 5 },
  });
  expect(await t.bot.store.escalations.listForRelease(1)).toHaveLength(1);
  const cards = t.fake.messages(CHANNEL).filter((m) => m.text.includes(`Escalation #${first.escalation.id}`));
  expect(cards).toHaveLength(1);
  const card = await t.fake.waitFor(() => {
    const m = t.fake.message(CHANNEL, cards[0]?.ts as string);
    return m && visibleText(m).includes('fired again ×4') && m;
  });
  expect(visibleText(card)).toContain('raised by CI (grafana)');
  expect(visibleText(card)).toContain('<https://grafana.example.com/d/checkout?viewPanel=4&amp;orgId=1|Alert source>');
  const status = await t.command(CAST.po.id, 'status');
  expect(status.visible).toContain('1 open');

  // Resolved, the same alert is a new escalation.
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: card.ts,
    actionId: 'escalation_resolve',
    value: `${first.escalation.id}:0`,
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(modal.id),
    values: { escalation_resolution: { value: 'rolled the payment gateway config back' } },
  });
  await t.fake.waitFor(
    async () => (await t.bot.store.escalations.findById(first.escalation.id))?.status === 'resolved',
  );
  const afterResolve = await callApi(t, 'POST', ESCALATIONS, { token, body: alert });
  expect(afterResolve.status).toBe(201);
  expect(await t.bot.store.escalations.listForRelease(1)).toHaveLength(2);
});

test('<!here> and <!channel> in a summary or a version stay inert: escaped in every message', async () => {
  const { t, token } = await staffedWithToken();
  await tickWholeChecklist(t.bot.deps, 1);
  t.clock.advance(60_000);
  const raised = await callApi(t, 'POST', ESCALATIONS, {
    token,
    body: { summary: '<!here> checkout is down <!channel> @everyone <https://evil.example|bank>', category: 'blocker' },
  });
  expect(raised.status).toBe(201);
  await callApi(t, 'POST', '/api/v1/releases/current/checks', {
    token,
    body: {
      item: 'tests_passing',
      status: 'failed',
      url: 'https://ci.example.com/runs/9',
      summary: '<!here> tests broke <@URM>',
    },
  });
  await callApi(t, 'POST', '/api/v1/releases/current/deployments', {
    token,
    body: { environment: 'production', status: 'started', version: '<!channel> v9' },
  });
  await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Blocked')));
  const all = JSON.stringify(t.fake.messages(CHANNEL).map((m) => [m.text, m.blocks]));
  for (const ping of ['<!here>', '<!channel>', '<https://evil.example|bank>']) expect(all).not.toContain(ping);
  expect(all).toContain('&lt;!here&gt; checkout is down &lt;!channel&gt; @\u200beveryone');
  expect(all).toContain('&lt;!here&gt; tests broke &lt;@URM&gt;');
  expect(all).toContain('&lt;!channel&gt; v9');
  // The API gives the text back as it was sent.
  const release = await callApi(t, 'GET', '/api/v1/releases/current', { token });
  expect(JSON.stringify(release.body)).toContain('<!here> checkout is down <!channel>');
});
