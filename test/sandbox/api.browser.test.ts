import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';
import { tickWholeChecklist } from '../helpers/factories.ts';
import { decideGo } from '../helpers/gate.ts';
import { clickAs, launchBrowser, messageWith, openChannel, switchPerson, type } from './browser.ts';
import { startSandbox } from './sandbox.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

test('a pipeline on the page: a failed check, a blocked deployment, a flapping alert, a ship, a failure with its rollback button', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-api-'));
  const sandbox = await startSandbox({
    port: 0,
    databasePath: join(dir, 'sandbox.sqlite'),
    start: new Date('2026-11-23T09:00:00Z'),
    demo: true,
    log: () => undefined,
  });
  const browser = await launchBrowser();
  onTestFinished(async () => {
    await browser.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const post = (path: string, body: unknown) =>
    fetch(`${sandbox.api.url}/releases/current/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.api.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const { page } = browser;
  page.setDefaultTimeout(10_000);
  await page.goto(sandbox.url);
  mkdirSync(OUTPUT, { recursive: true });
  await openChannel(page, 'release');
  await switchPerson(page, 'Rosa Martin');

  // Before any Go: a production start is blocked, and the channel is told why.
  expect((await post('deployments', { environment: 'production', status: 'started', version: 'v2.4.0' })).status).toBe(
    409,
  );
  await messageWith(page, 'Blocked:').waitFor();
  // A monitor's alert fires 5 times: one escalation that says so.
  for (let i = 0; i < 5; i += 1) {
    await post('escalations', {
      summary: 'Checkout error rate above 5% <!here>',
      category: 'blocker',
      source: 'https://grafana.example.com/d/checkout',
      dedup_key: 'checkout-errors',
    });
    await sandbox.travel({ ms: 60_000 });
  }
  const card = messageWith(page, 'fired again ×4');
  await card.waitFor();
  expect(await card.innerText()).toContain('raised by CI (sandbox)');
  await page.screenshot({ path: join(OUTPUT, 'api-blocked-and-alert.png'), fullPage: true });

  // A Go, then a failed check: one line, and the Go needs re-confirmation.
  await tickWholeChecklist(sandbox.bot.deps, 1);
  await decideGo(sandbox.bot.deps, 1, { tick: false });
  await sandbox.travel({ ms: 60_000 });
  await post('checks', {
    item: 'security_scans',
    status: 'failed',
    url: 'https://ci.example.com/acme/shop/runs/4212',
    summary: '2 high-severity findings in checkout-service',
  });
  await messageWith(page, 'failed on').waitFor();
  await messageWith(page, 'needs re-confirmation').waitFor();
  await page.screenshot({ path: join(OUTPUT, 'api-failed-check.png'), fullPage: true });

  // The scan passes again; the RM re-confirms on the poll; the deployment ships the release; a later one fails.
  await post('checks', { item: 'security_scans', status: 'passed', url: 'https://ci.example.com/acme/shop/runs/4213' });
  await clickAs(page, 'Rosa Martin', 'Confirm Go');
  await messageWith(page, 're-confirmed the Go').waitFor();
  expect((await post('deployments', { environment: 'production', status: 'started', version: 'v2.4.0' })).status).toBe(
    201,
  );
  await sandbox.travel({ ms: 8 * 60_000 });
  await post('deployments', { environment: 'production', status: 'succeeded', version: 'v2.4.0' });
  await messageWith(page, 'was shipped by CI (sandbox)').waitFor();
  await post('deployments', {
    environment: 'production',
    status: 'failed',
    version: 'v2.4.1',
    url: 'https://ci.example.com/d/9',
  });
  const failed = messageWith(page, 'Deployment failed');
  await failed.waitFor();
  await page.screenshot({ path: join(OUTPUT, 'api-shipped-and-failed.png'), fullPage: true });
  await switchPerson(page, 'Devi Patel');
  await clickAs(page, 'Devi Patel', 'Open the rollback poll');
  await messageWith(page, 'Rollback').waitFor();
  await switchPerson(page, 'Rosa Martin');
  await type(page, '/release status');
  await messageWith(page, 'Deployments').waitFor();
  await page.screenshot({ path: join(OUTPUT, 'api-status.png'), fullPage: true });
}, 120_000);
