/**
 * Issue 12, the request cases: what a signed request that does not parse, is forged, replayed or doubled does to the
 * running bot. Everything goes through the real receiver, the real Bolt app and the fake Slack.
 */
import { describe, expect, test } from 'vitest';
import { createStaffedRelease, OTHER_CHANNEL, startTestBot, type TestBot } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { commandFields, eventCallback, viewSubmission } from '../support/fake-slack/payloads.ts';
import type { Json } from '../support/fake-slack/workspace.ts';

const FORM = 'application/x-www-form-urlencoded';
const now = () => Math.floor(Date.now() / 1000);

/** The bot still answers a command: the process and its listeners are alive. */
async function stillServing(t: TestBot) {
  const reply = await t.command(CAST.outsider.id, 'help');
  expect(reply.status).toBe(200);
  expect(reply.visible).toContain('/release');
}

const warnings = (t: TestBot, pattern: RegExp) => t.log.filter((line) => / WARN /.test(line) && pattern.test(line));

describe('requests that do not parse never take the bot down', () => {
  test('payload=null (form or JSON), arrays and numbers are answered 400 with one warning each', async () => {
    const t = await startTestBot();
    for (const [body, contentType] of [
      ['payload=null', FORM],
      ['null', 'application/json'],
      ['payload=5', FORM],
      ['[1,2]', 'application/json'],
      ['payload=%7Bnot%20json', FORM],
    ] as const) {
      const response = await t.driver.sendRaw({ body, contentType });
      expect(response.status, body).toBe(400);
    }
    expect(warnings(t, /body is not an object/)).toHaveLength(5);
    await stillServing(t);
  });

  test('a vote click with user null and a view_submission without a user are acknowledged and ignored, not 500', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    const click = {
      type: 'block_actions',
      user: null,
      team: { id: t.fake.teamId },
      channel: { id: CHANNEL },
      trigger_id: '1.2.3',
      actions: [{ action_id: 'poll_vote_go', value: '1:qa_lead', action_ts: '1.2' }],
    };
    const submission = {
      type: 'view_submission',
      team: { id: t.fake.teamId },
      view: { id: 'V0NOUSER', callback_id: 'risk_add', private_metadata: '{}', state: { values: {} } },
    };
    for (const payload of [click, submission, { type: 'block_actions', user: { id: 'U1' }, actions: [] }]) {
      const response = await t.driver.sendInteraction(payload as Json);
      expect(response.status).toBe(200);
      expect(response.body).toBe('');
    }
    expect(warnings(t, /ignored a (block_actions|view_submission) request that lacks/)).toHaveLength(3);
    await stillServing(t);
  });

  test('a listener that throws is logged, the person is told, and the bot keeps serving', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    // A risk button whose value is not a risk id: the lookup fails deep in the store, the listener throws.
    t.fake.failNext('chat.postEphemeral', 'internal_error');
    const responseUrl = t.fake.newResponseUrl({ channelId: CHANNEL, userId: CAST.rm.id });
    const response = await t.driver.sendInteraction({
      type: 'block_actions',
      user: { id: CAST.rm.id, team_id: t.fake.teamId },
      team: { id: t.fake.teamId },
      channel: { id: CHANNEL, name: 'release' },
      trigger_id: t.fake.newTriggerId(CAST.rm.id),
      response_url: responseUrl,
      actions: [{ action_id: 'risk_still_valid', value: '999', action_ts: '1700000000.000001' }],
    });
    expect(response.status).toBe(200);
    await t.bot.idle(2000);
    expect(
      t.log.some((line) => / ERROR .*a Slack listener failed/.test(line)),
      t.log.join('\n'),
    ).toBe(true);
    const told = t.fake.responseUrlPosts.find((p) => p.url === responseUrl);
    expect(JSON.stringify(told?.body)).toContain('Something went wrong on my side');
    await stillServing(t);
  });
});

describe('signatures: a timestamp more than 5 minutes away either way is refused', () => {
  test.each([
    ['10 minutes in the future', 600],
    ['a year in the future', 365 * 86_400],
    ['10 minutes ago', -600],
  ])('%s: 401 and nothing runs', async (_label, offset) => {
    const t = await startTestBot();
    const fields = commandFields(t.fake, {
      userId: CAST.rm.id,
      channelId: CHANNEL,
      text: 'create 9.9.9 target:2026-12-10',
      command: '/release',
      responseUrl: t.fake.newResponseUrl({ channelId: CHANNEL, userId: CAST.rm.id }),
      triggerId: t.fake.newTriggerId(CAST.rm.id),
    });
    const response = await t.driver.sendRaw({
      body: new URLSearchParams(fields).toString(),
      contentType: FORM,
      timestamp: now() + offset,
    });
    expect(response.status).toBe(401);
    expect(await t.bot.store.releases.findByName(t.fake.teamId, '9.9.9')).toBeUndefined();
  });

  test('four minutes in the future is still inside the window', async () => {
    const t = await startTestBot();
    const response = await t.driver.sendRaw({ body: 'payload=null', contentType: FORM, timestamp: now() + 240 });
    expect(response.status).toBe(400);
  });
});

describe('replays and double submissions take effect once', () => {
  test('the same signed slash command sent 3 times within 5 minutes creates one risk', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    const fields = commandFields(t.fake, {
      userId: CAST.tech.id,
      channelId: CHANNEL,
      text: 'risk add "Replayed risk" severity:2 likelihood:2',
      command: '/release',
      responseUrl: t.fake.newResponseUrl({ channelId: CHANNEL, userId: CAST.tech.id }),
      triggerId: t.fake.newTriggerId(CAST.tech.id),
    });
    const body = new URLSearchParams(fields).toString();
    const timestamp = now();
    for (let i = 0; i < 3; i += 1) {
      const response = await t.driver.sendRaw({ body, contentType: FORM, timestamp });
      expect(response.status).toBe(200);
    }
    await t.fake.waitFor(() => t.fake.responseUrlPosts.some((p) => JSON.stringify(p.body).includes('Risk #1')));
    await t.bot.idle(2000);
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    const risks = await t.bot.store.risks.list(release!.id, { includeClosed: true });
    expect(risks.map((r) => r.title)).toEqual(['Replayed risk']);
  });

  test('a risk form submitted twice (double click, and Slack retrying with X-Slack-Retry-Num) records one risk', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    await t.driver.command({ userId: CAST.tech.id, channelId: CHANNEL, text: 'risk add' });
    const view = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
    const first = await t.driver.submitView({
      userId: CAST.tech.id,
      viewId: String(view.id),
      values: {
        risk_title: { value: 'Vendor outage' },
        risk_severity: { value: '3' },
        risk_likelihood: { value: '2' },
      },
    });
    expect(first.status).toBe(200);
    const again = first.payload;
    const double = await t.driver.sendInteraction(again);
    const retried = await t.driver.sendRaw({
      body: `payload=${encodeURIComponent(JSON.stringify(again))}`,
      contentType: FORM,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect([double.status, retried.status]).toEqual([200, 200]);
    await t.bot.idle(2000);
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    expect((await t.bot.store.risks.list(release!.id, { includeClosed: true })).map((r) => r.title)).toEqual([
      'Vendor outage',
    ]);
    expect(t.fake.ephemerals({ userId: CAST.tech.id }).filter((e) => e.text.includes('Risk #1 added'))).toHaveLength(1);
  });

  test('a form answered with errors can be corrected and submitted again', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    await t.driver.command({ userId: CAST.tech.id, channelId: CHANNEL, text: 'risk add' });
    const view = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
    const bad = await t.driver.submitView({
      userId: CAST.tech.id,
      viewId: String(view.id),
      values: { risk_title: { value: '   ' }, risk_severity: { value: '3' }, risk_likelihood: { value: '2' } },
    });
    expect((bad.ack as { response_action?: string }).response_action).toBe('errors');
    const good = await t.driver.submitView({
      userId: CAST.tech.id,
      viewId: String(view.id),
      values: { risk_title: { value: 'X' }, risk_severity: { value: '3' }, risk_likelihood: { value: '2' } },
    });
    expect(good.ack).toBeUndefined();
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    expect(await t.bot.store.risks.list(release!.id, { includeClosed: true })).toHaveLength(1);
  });

  test('an event Slack redelivers (same event_id, X-Slack-Retry-Num, a new signature) is handled once', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    const body = JSON.stringify(
      eventCallback(t.fake, {
        type: 'app_home_opened',
        user: CAST.rm.id,
        channel: t.fake.dmChannelId(CAST.rm.id),
        tab: 'home',
      }),
    );
    await t.driver.sendRaw({ body, contentType: 'application/json' });
    await t.driver.sendRaw({
      body,
      contentType: 'application/json',
      timestamp: now() + 1,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await t.fake.waitFor(() => t.fake.homeView(CAST.rm.id));
    await t.bot.idle(2000);
    expect(t.fake.callsTo('views.publish')).toHaveLength(1);
  });

  test('the same block action delivered twice is handled once', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    await t.command(CAST.devops.id, 'risk add "Disk space" severity:2 likelihood:2');
    const list = await t.command(CAST.devops.id, 'risk list');
    expect(list.visible).toContain('Disk space');
    const payload = {
      type: 'block_actions',
      user: { id: CAST.devops.id, team_id: t.fake.teamId },
      team: { id: t.fake.teamId },
      channel: { id: CHANNEL, name: 'release' },
      trigger_id: t.fake.newTriggerId(CAST.devops.id),
      actions: [{ action_id: 'risk_still_valid', value: '1', action_ts: '1764600000.123456', type: 'button' }],
    };
    await t.driver.sendInteraction(payload);
    await t.driver.sendInteraction(payload);
    await t.bot.idle(2000);
    await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.devops.id }).some((e) => e.text.includes('reviewed')));
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    const history = await t.bot.store.risks.history(release!.id);
    expect(history.filter((h) => h.change === 'reviewed')).toHaveLength(1);
    expect(t.fake.ephemerals({ userId: CAST.devops.id }).filter((e) => e.text.includes('reviewed'))).toHaveLength(1);
  });
});

describe('forged view submissions are refused', () => {
  /** A view_submission for a view the bot never opened, as an attacker with a valid signature could send. */
  function forged(t: TestBot, userId: string, view: Json) {
    return t.driver.sendInteraction(viewSubmission(t.fake, { userId, view, triggerId: '1.2.3', responseUrls: [] }));
  }

  test('create-release for another channel: refused, no release', async () => {
    const t = await startTestBot();
    const response = await forged(t, CAST.rm.id, {
      id: 'V0FORGED1',
      type: 'modal',
      callback_id: 'create_release',
      private_metadata: JSON.stringify({ channelId: OTHER_CHANNEL }),
      blocks: [{ type: 'input', block_id: 'release_name' }],
      state: {
        values: {
          release_name: { input: { type: 'plain_text_input', value: 'hijack' } },
          target_date: { input: { type: 'datepicker', selected_date: '2026-12-10' } },
          time_zone: { input: { type: 'plain_text_input', value: 'UTC' } },
        },
      },
    });
    expect(response.status).toBe(200);
    expect((response.json as { response_action?: string }).response_action).toBe('errors');
    expect(await t.bot.store.releases.findActiveInChannel(t.fake.teamId, OTHER_CHANNEL)).toBeUndefined();
    expect(warnings(t, /refused a create_release submission: a view the bot did not open/)).toHaveLength(1);
  });

  test('an opened create form with its metadata changed, or submitted by someone else, is refused', async () => {
    const t = await startTestBot();
    await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create' });
    const view = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
    const state = {
      values: {
        release_name: { input: { type: 'plain_text_input', value: 'hijack' } },
        target_date: { input: { type: 'datepicker', selected_date: '2026-12-10' } },
        time_zone: { input: { type: 'plain_text_input', value: 'UTC' } },
      },
    };
    const tampered = { ...view, state, private_metadata: JSON.stringify({ channelId: OTHER_CHANNEL }) };
    expect((await forged(t, CAST.rm.id, tampered)).status).toBe(200);
    expect((await forged(t, CAST.outsider.id, { ...view, state })).status).toBe(200);
    expect(await t.bot.store.releases.findActiveInChannel(t.fake.teamId, OTHER_CHANNEL)).toBeUndefined();
    expect(await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL)).toBeUndefined();
    // The form as opened, by the person it was opened for, still works.
    const real = await forged(t, CAST.rm.id, { ...view, state });
    expect(real.body).toBe('');
    expect((await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL))?.name).toBe('hijack');
  });

  test('raise and resolve escalation views pointing at another release are refused', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    const other = await t.command(CAST.rm.id, 'create 3.0.0 target:2026-12-20', OTHER_CHANNEL);
    expect(other.reply?.response_type).toBe('in_channel');
    const otherRelease = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, OTHER_CHANNEL);
    await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'escalate' });
    const view = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
    const state = {
      values: {
        escalation_summary: { input: { type: 'plain_text_input', value: 'forged' } },
        escalation_category: { input: { type: 'static_select', selected_option: { value: 'technical' } } },
      },
    };
    const pointed = {
      ...view,
      state,
      private_metadata: JSON.stringify({ releaseId: otherRelease!.id, channelId: OTHER_CHANNEL }),
    };
    expect((await forged(t, CAST.rm.id, pointed)).status).toBe(200);
    const resolve = {
      id: 'V0FORGED2',
      type: 'modal',
      callback_id: 'resolve_escalation',
      private_metadata: JSON.stringify({ escalationId: 1 }),
      state: { values: { escalation_resolution: { input: { type: 'plain_text_input', value: 'done' } } } },
    };
    expect((await forged(t, CAST.rm.id, resolve)).status).toBe(200);
    await t.bot.idle(2000);
    expect(await t.bot.store.escalations.listForRelease(otherRelease!.id)).toEqual([]);
  });

  test('a weekly note is refused for a person without a role, even through a form they opened before losing it', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    const forgedNote = await forged(t, CAST.outsider.id, {
      id: 'V0FORGED3',
      type: 'modal',
      callback_id: 'weekly_note',
      private_metadata: JSON.stringify({ releaseId: release!.id, slot: '2026-11-23', kind: 'progress' }),
      state: { values: { weekly_note: { input: { type: 'plain_text_input', value: 'forged' } } } },
    });
    expect(forgedNote.status).toBe(200);
    expect(await t.bot.store.risks.notes(release!.id, '2026-11-23')).toEqual([]);
  });
});

describe('a modal whose trigger expired before views.open reached Slack', () => {
  test('the person is told privately to click again', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    t.fake.failNext('views.open', 'expired_trigger_id');
    const reply = await t.command(CAST.tech.id, 'risk add');
    expect(reply.visible).toContain('click or type the command again');
    expect(reply.reply?.response_type).toBe('ephemeral');
    expect(t.fake.openViews(CAST.tech.id)).toEqual([]);
  });

  test('from a button too: the checklist tick says so privately', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    await t.command(CAST.qa.id, 'checklist');
    t.fake.failNext('views.open', 'expired_trigger_id');
    await t.driver.clickButton({
      userId: CAST.qa.id,
      channelId: CHANNEL,
      ephemeral: true,
      actionId: 'checklist_tick',
      value: JSON.stringify({ r: 1, k: 'tests_passing' }),
    });
    const told = await t.fake.waitFor(() =>
      t.fake.ephemerals({ userId: CAST.qa.id }).find((e) => e.text.includes('click or type the command again')),
    );
    expect(told.text).toContain('3-second window ran out');
    expect(t.fake.openViews(CAST.qa.id)).toEqual([]);
  });
});
