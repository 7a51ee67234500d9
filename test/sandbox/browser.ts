/**
 * Playwright helpers for the sandbox page: launch Debian's chromium (never a downloaded browser) and act as a person
 * would on the page. Browser tests compose these, so a later capability (the go/no-go) appends steps such as
 * `castVoteAs(page, 'Theo Lang', 'Go')`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fresh chromium with an empty profile. Fails loudly when the browser is missing: CI installs it with apt-get. */
export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (the browser tests never download one)`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'sandbox-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 1000 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Picks a person in the "You are" switcher by their name (e.g. 'Theo Lang'). */
export async function switchPerson(page: Page, realName: string): Promise<void> {
  const select = page.locator('#person');
  const value = await select.locator('option', { hasText: realName }).getAttribute('value');
  if (!value) throw new Error(`no person named ${realName} in the switcher`);
  await select.selectOption(value);
}

export async function openChannel(page: Page, name: string): Promise<void> {
  await page.locator('.sidebar .nav-item', { hasText: name }).first().click();
  const title = name.startsWith('#') ? name : `#${name}`;
  await page.locator('#conversation-title', { hasText: title }).waitFor();
}

/** Types into the message box and presses Enter, as a person sends `/release …`. */
export async function type(page: Page, text: string): Promise<void> {
  await page.locator('#composer-input').fill(text);
  await page.locator('#composer-input').press('Enter');
}

export const messages = (page: Page): Locator => page.locator('#messages .message');

/** The newest message (or ephemeral) in the open conversation that contains `text`. */
export function messageWith(page: Page, text: string | RegExp): Locator {
  return messages(page).filter({ hasText: text }).last();
}

/** Clicks a button on the newest message that has one with that label, as `realName`. */
export async function clickAs(page: Page, realName: string, button: string): Promise<void> {
  await switchPerson(page, realName);
  const target = messages(page)
    .filter({ has: page.getByRole('button', { name: button, exact: true }) })
    .last();
  await target.getByRole('button', { name: button, exact: true }).click();
}

/** A vote on the newest poll: switch to the person, click the vote button (e.g. 'Go', 'No-go'). */
export const castVoteAs = clickAs;

export async function fillModalField(page: Page, label: string, value: string): Promise<void> {
  const block = page.locator('#modal .bk-input-block').filter({ has: page.locator('.bk-label', { hasText: label }) });
  await block.locator('input, textarea, select').first().fill(value);
}

export const modalError = (page: Page, label: string): Locator =>
  page
    .locator('#modal .bk-input-block')
    .filter({ has: page.locator('.bk-label', { hasText: label }) })
    .locator('.bk-error');

/** The input of the modal's field with that label (its first input, textarea or select). */
export const modalField = (page: Page, label: string): Locator =>
  page
    .locator('#modal .bk-input-block')
    .filter({ has: page.locator('.bk-label', { hasText: label }) })
    .locator('input, textarea, select')
    .first();

/**
 * Picks an option of a modal's select by its label, as a person picks from a menu: a user (`'Theo Lang'`), a channel
 * (`'#release'`) or a static option. In a multi-select it is added to those already picked.
 */
export async function pickInModal(page: Page, label: string, option: string | RegExp): Promise<void> {
  const select = modalField(page, label);
  const options = await select.locator('option').allTextContents();
  const wanted = options.find((text) => (typeof option === 'string' ? text.trim() === option : option.test(text)));
  if (wanted === undefined) throw new Error(`no option ${String(option)} under ${label}: ${options.join(', ')}`);
  await select.selectOption({ label: wanted });
}

/** Opens the App Home tab of the person playing now and waits until the app has published it. */
export async function openHome(page: Page): Promise<void> {
  await page.locator('#nav-home').click();
  await page.locator('#home .bk-blocks').waitFor();
}
