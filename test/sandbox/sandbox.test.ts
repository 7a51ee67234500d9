import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { BLOCK_IDS, INPUT_ACTION_ID } from '../../src/core/ids.ts';
import { type SandboxOptions, type SandboxState, startSandbox } from './sandbox.ts';

const START = new Date('2026-11-23T09:00:00Z');

async function start(options: SandboxOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-api-'));
  const sandbox = await startSandbox({
    port: 0,
    databasePath: join(dir, 'sandbox.sqlite'),
    start: START,
    tickEverySecond: false,
    log: () => undefined,
    ...options,
  });
  onTestFinished(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const state = async (user: string, channel = 'C0RELEASE', thread?: string) => {
    const query = new URLSearchParams({ user, channel, ...(thread ? { thread } : {}) });
    return (await call(`/api/state?${query}`)).json as unknown as SandboxState;
  };
  return { sandbox, call, state };
}

const texts = (s: SandboxState) => s.messages.map((m) => `${'ephemeral' in m ? 'ephemeral: ' : ''}${m.text}`);

test('a command typed on the page reaches the bot signed; its public reply is in the channel for everyone', async () => {
  const { call, state } = await start();
  const sent = await call('/api/send', {
    user: 'URM',
    channel: 'C0RELEASE',
    text: '/release create 2.4.0 target:2026-12-10 tz:Europe/Berlin',
  });
  expect(sent.status).toBe(200);
  // `@quinn` typed in the box arrives at the bot as Slack's escaped mention `<@UQA|quinn>`.
  expect((await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/release role qa @quinn' })).status).toBe(
    200,
  );
  for (const viewer of ['URM', 'UOUT']) {
    const seen = await state(viewer);
    expect(texts(seen)).toEqual(['Release 2.4.0 created, target 2026-12-10', '<@URM> made <@UQA> QA Lead on *2.4.0*.']);
  }
});

test("an ephemeral answer is shown only to the person who asked, and a bad command's error is specific", async () => {
  const { call, state } = await start();
  await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/release create 2.4.0 target:2026-12-10' });
  await call('/api/send', { user: 'UTECH', channel: 'C0RELEASE', text: '/release status' });
  await call('/api/send', { user: 'UQA', channel: 'C0RELEASE', text: '/release role wizard @quinn' });
  const theo = await state('UTECH');
  expect(texts(theo).at(-1)).toBe('ephemeral: 2.4.0: Planning, target 2026-12-10');
  const quinn = await state('UQA');
  expect(texts(quinn).some((t) => t.startsWith('ephemeral: 2.4.0: Planning'))).toBe(false);
  expect(quinn.messages.at(-1)).toMatchObject({ ephemeral: true });
  expect(JSON.stringify(quinn.messages.at(-1))).toContain('wizard');
  expect((await state('UOUT')).messages.filter((m) => 'ephemeral' in m)).toEqual([]);
  // Other slash commands and empty messages are refused by the "client", as Slack does.
  const unknown = await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/deploy now' });
  expect(unknown).toMatchObject({
    status: 400,
    json: { error: expect.stringContaining('/deploy is not a valid command') },
  });
});

test('the create form opens as a modal; a required field left empty and a wrong window are shown, then it posts', async () => {
  const { sandbox, call, state } = await start();
  await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/release create' });
  const opened = await state('URM');
  const modal = opened.modal as { id: string; title: { text: string } };
  expect(modal.title.text).toBe('New release');
  expect((await state('UTECH')).modal).toBeUndefined();
  const field = (block: string, value: string) => ({ [block]: { [INPUT_ACTION_ID]: value } });

  const missing = await call('/api/submit', {
    user: 'URM',
    viewId: modal.id,
    values: field(BLOCK_IDS.releaseName, '2.4.0'),
  });
  expect(missing.status).toBe(400);
  expect(missing.json.error).toContain('required');

  const values = {
    ...field(BLOCK_IDS.releaseName, '2.4.0'),
    ...field(BLOCK_IDS.targetDate, '2026-12-10'),
    ...field(BLOCK_IDS.windowStart, '2026-12-12'),
    ...field(BLOCK_IDS.windowEnd, '2026-12-01'),
  };
  const wrong = await call('/api/submit', { user: 'URM', viewId: modal.id, values });
  expect(wrong.json.outcome).toMatchObject({ kind: 'errors' });
  expect(Object.keys((wrong.json.outcome as { errors: object }).errors)).toContain(BLOCK_IDS.windowEnd);
  expect((await state('URM')).modal).toBeDefined();

  const right = {
    ...values,
    ...field(BLOCK_IDS.windowStart, '2026-12-01'),
    ...field(BLOCK_IDS.windowEnd, '2026-12-12'),
  };
  expect((await call('/api/submit', { user: 'URM', viewId: modal.id, values: right })).json.outcome).toEqual({
    kind: 'closed',
  });
  // The bot posts after acking the submission, as it does in Slack.
  await sandbox.fake.waitFor(() => sandbox.fake.messages('C0RELEASE').length > 0);
  const after = await state('URM');
  expect(after.modal).toBeUndefined();
  expect(texts(after)).toEqual(['Release 2.4.0 created, target 2026-12-10']);
});

test('opening App Home sends app_home_opened; the bot publishes the Home the person sees', async () => {
  const { call, state } = await start();
  await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/release create 2.4.0 target:2026-12-10' });
  await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/release role tech-lead @theo' });
  expect((await call('/api/home', { user: 'UTECH' })).json).toEqual({ status: 200 });
  const home = (await state('UTECH')).home as { blocks: unknown[] };
  expect(JSON.stringify(home.blocks)).toContain('Your role: Tech Lead');
  expect((await state('UQA')).home).toBeUndefined();
});

test('time travel moves the clock and runs what falls due; "next" jumps to the next pending timer', async () => {
  const { sandbox, call, state } = await start();
  const before = Date.parse((await state('URM')).now);
  const moved = await call('/api/travel', { ms: 3_600_000 });
  expect(Date.parse(String(moved.json.now)) - before).toBeGreaterThanOrEqual(3_600_000);
  expect((await call('/api/travel', { ms: -1 })).status).toBe(400);

  expect((await call('/api/travel', { next: true })).json.reachedNothing).toBe(true);
  const dueAt = new Date(sandbox.clock.now().getTime() + 2 * 86_400_000);
  await sandbox.bot.store.timers.schedule({ kind: 'sandbox_probe', key: 'probe', releaseId: null, dueAt });
  expect((await state('URM')).nextScheduled).toEqual({ at: dueAt.toISOString(), what: 'sandbox probe' });
  const jumped = await call('/api/travel', { next: true });
  expect(Date.parse(String(jumped.json.now))).toBeGreaterThanOrEqual(dueAt.getTime());
  // The tick after the jump claimed the timer (this kind has no handler, so the bot gave it up): nothing is pending.
  expect(await sandbox.bot.store.timers.pending()).toEqual([]);
  expect((await state('URM')).nextScheduled).toBeUndefined();
});

test('"next" also finds the next standup of a release in its window, and jumping there posts the prompt', async () => {
  const { sandbox, call, state } = await start();
  const day = (offset: number) =>
    new Date(sandbox.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  await call('/api/send', {
    user: 'URM',
    channel: 'C0RELEASE',
    text: `/release create 2.4.0 target:${day(12)} window:${day(0)}..${day(10)}`,
  });
  await call('/api/send', { user: 'URM', channel: 'C0RELEASE', text: '/release role rm @rosa' });
  const next = (await state('URM')).nextScheduled as { at: string; what: string };
  expect(next.what).toBe('standup');
  await call('/api/travel', { next: true });
  await sandbox.fake.waitFor(() =>
    sandbox.fake.messages('C0RELEASE').find((m) => m.text.startsWith('Daily standup for 2.4.0')),
  );
});

test('--demo creates release 2.4.0 through the commands, staffs every role and explains the go/no-go tour', async () => {
  const { state } = await start({ demo: true });
  const seen = await state('UTECH');
  expect(seen.banner).toContain('/release gonogo');
  expect(texts(seen)).toHaveLength(6);
  expect(texts(seen).at(-1)).toBe('<@URM> made <@UPO> Product Owner on *2.4.0*.');
  expect(texts(seen)[2]).toBe('<@URM> made <@UTECH> Tech Lead on *2.4.0*.');
});

test('the page is served; nothing outside its folder is', async () => {
  const { sandbox } = await start();
  const page = await fetch(sandbox.url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<script type="module" src="/app.js">');
  expect((await fetch(`${sandbox.url}/app.js`)).headers.get('content-type')).toContain('javascript');
  expect((await fetch(`${sandbox.url}/..%2fsandbox.ts`)).status).toBe(404);
  expect((await fetch(`${sandbox.url}/api/state?user=UNOBODY`)).status).toBe(400);
});

test('an action inside a modal carries what the person has typed so far in the view state', async () => {
  const { sandbox, call, state } = await start();
  const opened = await sandbox.bot.app.client.views.open({
    trigger_id: sandbox.fake.newTriggerId('URM'),
    view: {
      type: 'modal',
      callback_id: 'probe',
      title: { type: 'plain_text', text: 'Probe' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'note',
          label: { type: 'plain_text', text: 'Note' },
          element: { type: 'plain_text_input', action_id: 'value' },
        },
        {
          type: 'actions',
          block_id: 'more',
          elements: [{ type: 'button', action_id: 'add', text: { type: 'plain_text', text: 'Add' } }],
        },
      ],
    },
  });
  const viewId = String(opened.view?.id);
  expect((await state('URM')).modal).toMatchObject({ id: viewId });
  const clicked = await call('/api/action', {
    user: 'URM',
    viewId,
    kind: 'button',
    actionId: 'add',
    values: { note: { value: 'half typed' } },
  });
  expect(clicked.status).toBe(200);
  expect(sandbox.fake.view(viewId)?.state).toEqual({
    values: { note: { value: { type: 'plain_text_input', value: 'half typed' } } },
  });
  // A button that is not on the modal cannot be clicked.
  const missing = await call('/api/action', { user: 'URM', viewId, kind: 'button', actionId: 'nope' });
  expect(missing.status).toBe(400);
  expect(missing.json.error).toContain('no button with action_id "nope"');
}, 15_000);

test('the sandbox has its own API token for #release, new on every start; a curl-style call reaches the bot', async () => {
  const { sandbox, state } = await start({ demo: true });
  expect(sandbox.api.token).toMatch(/^rbt_[A-Za-z0-9_-]{43}$/);
  expect(sandbox.api.url).toMatch(/^http:\/\/localhost:\d+\/api\/v1$/);
  const gate = await fetch(`${sandbox.api.url}/releases/current/gate`, {
    headers: { Authorization: `Bearer ${sandbox.api.token}` },
  });
  expect(gate.status).toBe(409);
  expect(await gate.json()).toMatchObject({ release: '2.4.0', gate: 'pending' });
  const raised = await fetch(`${sandbox.api.url}/releases/current/escalations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.api.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ summary: 'Checkout errors above 5%', category: 'blocker', dedup_key: 'checkout' }),
  });
  expect(raised.status).toBe(201);
  const seen = await state('URM');
  expect(texts(seen).some((t) => t.includes('Checkout errors above 5%'))).toBe(true);
});

test('a restarted sandbox on the same database replaces its token: the old secret gets 401', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-api-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const options = { port: 0, databasePath: join(dir, 'sandbox.sqlite'), start: START, tickEverySecond: false };
  const first = await startSandbox({ ...options, demo: true, log: () => undefined });
  const old = first.api.token;
  await first.stop();
  const second = await startSandbox({ ...options, log: () => undefined });
  onTestFinished(() => second.stop());
  const ask = (token: string) =>
    fetch(`${second.api.url}/releases/current`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await ask(old)).status).toBe(401);
  expect((await ask(second.api.token)).status).toBe(200);
  const tokens = await second.bot.store.api.tokensOfChannel(second.fake.teamId, 'C0RELEASE');
  expect(tokens.filter((t) => t.revokedAt === null).map((t) => t.name)).toEqual(['sandbox']);
});

test('an exported record and the risk report charts show in the channel; the page opens and downloads them', async () => {
  const { sandbox, call, state } = await start({ demo: true });
  const send = (text: string) => call('/api/send', { user: 'URM', channel: 'C0RELEASE', text });
  expect((await send('/release risk add "Vendor SLA" severity:4 likelihood:4 owner:@devi')).status).toBe(200);
  expect(texts(await state('URM')).join('\n')).toContain('Risk #1 added');
  expect((await send('/release export')).status).toBe(200);
  const withFile = (s: SandboxState) => s.messages.flatMap((m) => ('files' in m ? (m.files ?? []) : []));
  const record = withFile(await state('UPO')).find((f) => f.name.endsWith('-record.md'));
  if (!record) throw new Error('no record file in the channel');
  expect(record.isImage).toBe(false);
  const opened = await fetch(`${sandbox.url}${record.url}`);
  expect(opened.status).toBe(200);
  expect(opened.headers.get('content-type')).toBe('text/markdown');
  expect(await opened.text()).toContain('# Release 2.4.0');
  const downloaded = await fetch(`${sandbox.url}${record.download}`);
  expect(downloaded.headers.get('content-disposition')).toBe(`attachment; filename="${record.name}"`);

  expect((await send('/release risk report now')).status).toBe(200);
  await sandbox.tick();
  const report = (await state('URM')).messages.find((m) => m.text.startsWith('Risk report'));
  const thread = await state('URM', 'C0RELEASE', report?.ts);
  const charts = (thread.thread?.replies ?? []).flatMap((m) => ('files' in m ? (m.files ?? []) : []));
  expect(charts.map((c) => c.isImage)).toEqual([true, true]);
  expect(charts[0]?.altText).toContain('Risk heat map of 2.4.0');
  const image = await fetch(`${sandbox.url}${charts[0]?.url}`);
  expect(image.headers.get('content-type')).toBe('image/png');
  expect(
    Buffer.from(await image.arrayBuffer())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
}, 60_000);
