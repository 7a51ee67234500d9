import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
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
/** A poll's message is updated at most once a second (two quick votes: the second shows up to a second later). */
const POLL_UPDATE = { timeout: 10_000 };

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

  // The go/no-go: Rosa takes the Release Manager role, staffs the two other voting roles and opens the poll; it shows
  // every voting role waiting and the release checklist's state.
  await switchPerson(page, 'Rosa Martin');
  await type(page, '/release role rm @rosa');
  await messageWith(page, 'Release Manager on').waitFor();
  await type(page, '/release role devops @devi');
  await messageWith(page, 'DevOps Engineer on').waitFor();
  await type(page, '/release role po @paula');
  await messageWith(page, 'Product Owner on').waitFor();
  await type(page, '/release gonogo');
  const poll = messageWith(page, 'Go/No-Go · 2.4.0');
  await poll.waitFor();
  expect(await poll.innerText()).toContain('Checklist: 10 of 10 items open');
  for (const role of ['tech_lead', 'qa_lead', 'devops', 'product_owner']) {
    expect(await roleText(page, role)).toContain('waiting');
  }

  // Theo votes Go for the Tech Lead; Quinn votes Go with conditions for QA, writing them in the modal.
  await voteAs(page, 'Theo Lang', 'tech_lead', 'Go');
  await expect.poll(async () => roleText(page, 'tech_lead'), POLL_UPDATE).toMatch(/Go ·/);
  await voteAs(page, 'Quinn Adams', 'qa_lead', 'Go with conditions');
  await page.locator('#modal h2', { hasText: 'Go with conditions' }).waitFor();
  await fillModalField(page, 'Conditions', 'Smoke tests green on staging');
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  await expect.poll(async () => roleText(page, 'qa_lead'), POLL_UPDATE).toContain('Smoke tests green on staging');
  expect(await roleText(page, 'tech_lead')).toMatch(/Tech Lead · @Theo Lang\n.*Go ·/);
  expect(await roleText(page, 'qa_lead')).toContain('Go with conditions');
  expect(await roleText(page, 'devops')).toContain('waiting');
  expect(await roleText(page, 'product_owner')).toContain('waiting');
  expect(await poll.innerText()).toContain('Recommendation: not yet, waiting for DevOps Engineer, Product Owner');
  await poll.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUTPUT, 'sandbox-go-no-go.png') });

  // The RM's Decide Go with checklist items open asks for an override reason, under the field when missing.
  await switchPerson(page, 'Rosa Martin');
  await poll.getByRole('button', { name: 'Decide Go', exact: true }).click();
  await page.locator('#modal h2', { hasText: 'Decide: Go' }).waitFor();
  expect(await page.locator('#modal').innerText()).toContain('Checklist: 10 of 10 items open');
  await fillModalField(page, 'Rationale', 'Shipping for the hotfix window');
  await fillModalField(page, 'Override reason', '   ');
  await page.getByRole('button', { name: 'Decide', exact: true }).click();
  await expect.poll(() => modalError(page, 'Override reason').textContent()).toContain('10 checklist items are open');
  await page.screenshot({ path: join(OUTPUT, 'sandbox-go-no-go-override.png') });

  // With a reason: the override is announced in the channel and the poll shows the decision.
  await fillModalField(page, 'Override reason', 'Hotfix window closes tonight; the checklist follows tomorrow');
  await page.getByRole('button', { name: 'Decide', exact: true }).click();
  await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  const announced = messageWith(page, 'accepted Go on');
  await announced.waitFor();
  expect(await announced.innerText()).toContain('with 10 checklist items open');
  expect(await announced.innerText()).toContain('Hotfix window closes tonight; the checklist follows tomorrow');
  await expect.poll(() => messageWith(page, 'Go/No-Go · 2.4.0').innerText(), POLL_UPDATE).toContain('Decision: Go');
  await page.screenshot({ path: join(OUTPUT, 'sandbox-go-no-go-decided.png') });
}, 90_000);

/** The poll's section for a voting role, as the page shows it. */
function roleText(page: Page, role: string): Promise<string> {
  return messageWith(page, 'Go/No-Go · 2.4.0').locator(`[data-block-id="poll_role:${role}"]`).innerText();
}

/** Votes on the newest poll as `realName`, with the button of that role's row (each role has its own buttons). */
async function voteAs(page: Page, realName: string, role: string, button: string): Promise<void> {
  await switchPerson(page, realName);
  const row = messageWith(page, 'Go/No-Go · 2.4.0').locator(`[data-block-id="poll_vote:${role}"]`);
  await row.getByRole('button', { name: button, exact: true }).click();
}
