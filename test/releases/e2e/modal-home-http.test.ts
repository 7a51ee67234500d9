import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { createStaffedRelease, startTestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

const values = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([block, value]) => [block, { [INPUT_ACTION_ID]: value }]));

test('/release create with no arguments opens the form; problems stay under their fields; success posts', async () => {
  const t = await startTestBot();
  await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create' });
  const [modal] = await t.fake.waitFor(() => {
    const open = t.fake.openViews(CAST.rm.id);
    return open.length > 0 && open;
  });
  const view = modal as { id: string; callback_id: string };
  expect(view.callback_id).toBe(CALLBACK_IDS.createRelease);

  const bad = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: view.id,
    values: values({
      [BLOCK_IDS.releaseName]: 'Mobile 3',
      [BLOCK_IDS.targetDate]: '2026-12-10',
      [BLOCK_IDS.windowStart]: '2026-12-12',
      [BLOCK_IDS.windowEnd]: '2026-12-01',
      [BLOCK_IDS.timeZone]: 'Europe/Berlin',
    }),
  });
  expect(bad.ack).toMatchObject({
    response_action: 'errors',
    errors: { [BLOCK_IDS.windowEnd]: expect.stringContaining('before it starts') },
  });
  expect(t.fake.isViewOpen(view.id)).toBe(true);

  const good = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: view.id,
    values: values({
      [BLOCK_IDS.releaseName]: 'Mobile 3',
      [BLOCK_IDS.targetDate]: '2026-12-10',
      [BLOCK_IDS.windowStart]: '2026-12-01',
      [BLOCK_IDS.windowEnd]: '2026-12-12',
      [BLOCK_IDS.timeZone]: 'Europe/Berlin',
    }),
  });
  expect(good.ack).toBeFalsy();
  expect(good.status).toBe(200);
  expect(t.fake.isViewOpen(view.id)).toBe(false);
  const posted = await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.includes('Mobile 3')));
  expect(posted.text).toContain('Release Mobile 3 created');
});

test('the App Home lists the person’s releases, role, days to target and what waits for them', async () => {
  const t = await startTestBot();
  await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  await t.driver.openHome(CAST.rm.id);
  const home = await t.fake.waitFor(() => t.fake.homeView(CAST.rm.id));
  const text = JSON.stringify(home);
  expect(text).toContain('2.4.0');
  expect(text).toContain('Your role: Release Manager');
  expect(text).toContain('in 17 days');
  expect(text).toContain('No Tech Lead, QA Lead, DevOps Engineer or Product Owner yet: `/release roles`');

  await t.driver.openHome(CAST.outsider.id);
  const empty = await t.fake.waitFor(() => t.fake.homeView(CAST.outsider.id));
  expect(JSON.stringify(empty)).toContain('You hold no role in an active release');
});

test('GET /healthz answers 200 with a small JSON body', async () => {
  const t = await startTestBot();
  const health = await get(`http://127.0.0.1:${t.port}/healthz`);
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ status: 'ready', database: 'migrated' });
});

test('a wrong or stale signature gets 401 and changes nothing', async () => {
  const t = await startTestBot();
  const body = new URLSearchParams({
    command: '/release',
    text: 'create 2.4.0 target:2026-12-10',
    team_id: t.fake.teamId,
    channel_id: CHANNEL,
    user_id: CAST.rm.id,
    response_url: t.fake.newResponseUrl({ channelId: CHANNEL, userId: CAST.rm.id }),
    trigger_id: t.fake.newTriggerId(CAST.rm.id),
  }).toString();
  const contentType = 'application/x-www-form-urlencoded';
  const wrong = await t.driver.sendRaw({ body, contentType, signature: 'v0=deadbeef' });
  expect(wrong.status).toBe(401);
  const stale = Math.floor(Date.now() / 1000) - 600;
  const old = await t.driver.sendRaw({
    body,
    contentType,
    timestamp: stale,
    signature: t.driver.signature(stale, body),
  });
  expect(old.status).toBe(401);
  expect((await t.command(CAST.rm.id, 'list')).visible).toContain('No active releases');
});

test('SIGTERM-style stop lets the database close cleanly and a new process picks up', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await t.restart();
  const health = await get(`http://127.0.0.1:${t.port}/healthz`);
  expect(health.status).toBe(200);
  expect((await t.command(CAST.po.id, 'list')).visible).toContain('2.4.0');
});

test('GET /healthz asks SQLite: a database file overwritten in place turns it to 503 "unreachable"', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  expect((await get(`http://127.0.0.1:${t.port}/healthz`)).status).toBe(200);
  const size = statSync(t.databasePath).size;
  const handle = openSync(t.databasePath, 'r+');
  writeSync(handle, Buffer.alloc(Math.min(size, 4096), 0x41), 0, Math.min(size, 4096), 0);
  closeSync(handle);
  const health = await get(`http://127.0.0.1:${t.port}/healthz`);
  expect(health.status).toBe(503);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'ready', database: 'unreachable' });
});

test('GET /healthz is not held up by another process holding the write lock: it answers at once, 200', async () => {
  const t = await startTestBot();
  const other = new Database(t.databasePath);
  try {
    other.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    const health = await get(`http://127.0.0.1:${t.port}/healthz`);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
});
