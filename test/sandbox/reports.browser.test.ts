import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';
import { launchBrowser, messageWith, openChannel, switchPerson, type } from './browser.ts';
import { startSandbox } from './sandbox.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

/**
 * The weekly risk report as a person sees it on the page: its text, and the heat map and trend chart in its thread
 * (loaded as images, with their alt text); the exported record as a file card that opens; the App Home. Saves the
 * screenshots the README shows (test/output/; copies are kept in test/sandbox/screenshots/).
 */
test('the risk report with its charts, the export as a file, and the App Home, through the page', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-reports-'));
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
  const { page } = browser;
  page.setDefaultTimeout(20_000);
  await page.goto(sandbox.url);
  mkdirSync(OUTPUT, { recursive: true });
  await openChannel(page, 'release');
  await switchPerson(page, 'Rosa Martin');
  for (const risk of [
    '"Payment provider rate limits" severity:5 likelihood:4 owner:@devi mitigation:"cache tokens" due:2026-11-27',
    '"Schema migration on orders" severity:4 likelihood:3 owner:@theo',
    '"Flaky checkout tests" severity:3 likelihood:4 owner:@quinn',
    '"Load test lab booked late" severity:2 likelihood:3',
    '"Translations incomplete" severity:2 likelihood:2 owner:@paula',
  ]) {
    await type(page, `/release risk add ${risk}`);
    await messageWith(page, /Risk #\d+ added/).waitFor();
  }
  await type(page, '/release risk report now');
  const report = messageWith(page, 'Risk report · 2.4.0');
  await report.waitFor();
  expect(await report.innerText()).toContain('Needs your review');

  // The charts arrive in the report's thread on the next tick.
  await expect.poll(async () => report.locator('.replies').count(), { timeout: 30_000 }).toBe(1);
  await report.locator('.replies').click();
  const images = page.locator('#thread-messages .file-image img');
  await expect.poll(() => images.count(), { timeout: 30_000 }).toBe(2);
  for (const image of await images.all()) {
    await expect
      .poll(() =>
        image.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete ? loaded.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(800);
    expect(await image.getAttribute('alt')).toMatch(/^Risk (heat map|trend) of 2\.4\.0/);
  }
  await page.screenshot({ path: join(OUTPUT, 'sandbox-risk-report.png') });
  await images.first().scrollIntoViewIfNeeded();
  await page.locator('#thread').screenshot({ path: join(OUTPUT, 'sandbox-risk-charts.png') });

  // The export is a file card in the channel: it opens as text.
  await page.locator('#thread-close').click();
  await type(page, '/release export');
  const card = messageWith(page, 'Record of release').locator('.file');
  await card.waitFor();
  const href = await card.locator('.file-open').getAttribute('href');
  const opened = await fetch(`${sandbox.url}${href}`);
  expect(await opened.text()).toContain('## Timeline');
  expect(await card.locator('.file-download').getAttribute('download')).toBe('release-2.4.0-record.md');

  // The App Home of the Tech Lead.
  await switchPerson(page, 'Theo Lang');
  await page.locator('#nav-home').click();
  await page.locator('#home').waitFor();
  await expect.poll(() => page.locator('#home').innerText()).toMatch(/2\.4\.0/);
  await page.screenshot({ path: join(OUTPUT, 'sandbox-app-home.png') });
}, 120_000);
