import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';
import {
  fillModalField,
  launchBrowser,
  messages,
  messageWith,
  modalError,
  openChannel,
  switchPerson,
  type,
} from './browser.ts';
import { startSandbox } from './sandbox.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-browser-'));
  const sandbox = await startSandbox({
    port: 0,
    databasePath: join(dir, 'sandbox.sqlite'),
    start: new Date('2026-11-23T09:00:00Z'),
    log: () => undefined,
  });
  const browser = await launchBrowser();
  onTestFinished(async () => {
    await browser.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  browser.page.setDefaultTimeout(10_000);
  await browser.page.goto(sandbox.url);
  return { sandbox, page: browser.page };
}

test('a release run through the page: create it in the modal, staff it as the RM, read its status as another person', async () => {
  const { page } = await start();
  await openChannel(page, 'release');
  await switchPerson(page, 'Rosa Martin');

  // `/release create` with no arguments opens the form; a window that ends before it starts is refused under the field.
  await type(page, '/release create');
  await page.locator('#modal h2', { hasText: 'New release' }).waitFor();
  await fillModalField(page, 'Name', '2.4.0');
  await fillModalField(page, 'Target date', '2026-12-10');
  await fillModalField(page, 'first day', '2026-12-12');
  await fillModalField(page, 'last day', '2026-12-01');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect.poll(() => modalError(page, 'last day').textContent()).toMatch(/\S/);
  await fillModalField(page, 'first day', '2026-12-01');
  await fillModalField(page, 'last day', '2026-12-12');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  const created = messageWith(page, 'created release');
  await created.waitFor();
  expect(await created.locator('.bk-text b').first().textContent()).toBe('2.4.0');
  expect(await created.locator('.mention').first().textContent()).toBe('@Rosa Martin');

  // The RM hands out two roles to two other people by typing their handles.
  await type(page, '/release role tech-lead @theo');
  await messageWith(page, 'Tech Lead on').waitFor();
  await type(page, '/release role qa @quinn');
  const qa = messageWith(page, 'QA Lead on');
  await qa.waitFor();
  expect(await qa.innerText()).toContain('@Rosa Martin made @Quinn Adams QA Lead on 2.4.0');

  // Theo asks for the status: an ephemeral only he sees, rendered from the Block Kit (header, fields, roles).
  await switchPerson(page, 'Theo Lang');
  await type(page, '/release status');
  const status = messageWith(page, 'Only visible to you');
  await status.waitFor();
  expect(await status.locator('.bk-header').textContent()).toBe('Release 2.4.0');
  const fields = await status.locator('.bk-field').allInnerTexts();
  expect(fields[0]).toBe('Status\nPlanning');
  expect(fields[1]).toContain('Thu 2026-12-10 (in 17 days)');
  expect(await status.innerText()).toMatch(/Tech Lead: @Theo Lang\nQA Lead: @Quinn Adams/);
  expect(await status.locator('b', { hasText: 'Status' }).count()).toBe(1);

  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, 'sandbox-release.png'), fullPage: true });

  // Oscar, in the same channel, sees the public messages but not Theo's ephemeral.
  await switchPerson(page, 'Oscar Reyes');
  await messageWith(page, 'QA Lead on').waitFor();
  await expect.poll(() => messages(page).filter({ hasText: 'Only visible to you' }).count()).toBe(0);

  // A go/no-go step is appended here after merge, e.g.:
  //   await type(page, '/release gonogo'); await castVoteAs(page, 'Theo Lang', 'Go'); …
}, 60_000);
