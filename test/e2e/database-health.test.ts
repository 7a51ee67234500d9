/**
 * Issue 12, resources and health: another process holding the SQLite write lock, and a database file that stops
 * being one while the bot runs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { createStaffedRelease, startTestBot } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Another process (as a `sqlite3` shell would be) that takes the write lock with BEGIN EXCLUSIVE and holds it. */
async function holdLock(path: string, seconds: number) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    db.exec("insert into slack_deliveries (key, claimed_at, expires_at) values ('lock-holder', 0, 0)");
    console.log('locked');
    setTimeout(() => { db.exec('ROLLBACK'); process.exit(0); }, ${seconds * 1000});
  `;
  const child = spawn(process.execPath, ['-e', script, path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  onTestFinished(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    release: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function timedHealth(port: number) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    ms: performance.now() - started,
  };
}

test('another process holding the lock for 12 s: acks stay under 3 s, /healthz answers, writes say "busy"', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  // A form opened before the lock, submitted while it is held.
  await t.driver.command({ userId: CAST.tech.id, channelId: CHANNEL, text: 'risk add' });
  const view = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));

  const lock = await holdLock(t.databasePath, 12);
  const health = await timedHealth(t.port);
  expect(health.status).toBe(200);
  expect(health.ms).toBeLessThan(1000);

  const write = await t.command(CAST.tech.id, 'risk add "During the lock" severity:2 likelihood:2');
  expect(write.status).toBe(200);
  expect(write.ackMs).toBeLessThan(3000);
  expect(write.visible).toContain('The database is busy right now');

  const read = await t.command(CAST.qa.id, 'status');
  expect(read.ackMs).toBeLessThan(3000);
  expect(read.visible).toContain('Release 2.4.0');

  const started = performance.now();
  const submitted = await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(view.id),
    values: { risk_title: { value: 'Locked out' }, risk_severity: { value: '2' }, risk_likelihood: { value: '2' } },
  });
  expect(performance.now() - started).toBeLessThan(3000);
  expect(JSON.stringify(submitted.ack)).toContain('The database is busy right now');
  expect(t.fake.isViewOpen(String(view.id))).toBe(true);
  expect((await timedHealth(t.port)).ms).toBeLessThan(1000);

  await lock.release();
  const after = await t.command(CAST.tech.id, 'risk add "After the lock" severity:2 likelihood:2');
  expect(after.visible).toContain('Risk #1 added');
  const again = await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(view.id),
    values: { risk_title: { value: 'Locked out' }, risk_severity: { value: '2' }, risk_likelihood: { value: '2' } },
  });
  expect(again.ack).toBeUndefined();
  const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
  expect((await t.bot.store.risks.list(release!.id, {})).map((r) => r.title).sort()).toEqual([
    'After the lock',
    'Locked out',
  ]);
}, 30_000);

test('a database file overwritten in place turns /healthz to 503', async () => {
  const t = await startTestBot();
  expect((await timedHealth(t.port)).status).toBe(200);
  writeFileSync(t.databasePath, 'not a database any more\n'.repeat(1000));
  const health = await timedHealth(t.port);
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'ready', database: 'unreachable' });
  expect(String(health.body.problem)).toContain('is not a SQLite database any more');
});
