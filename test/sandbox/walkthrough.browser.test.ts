import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import {
  fillModalField,
  launchBrowser,
  messageWith,
  modalField,
  openChannel,
  openHome,
  pickInModal,
  switchPerson,
  type,
} from './browser.ts';
import { startSandbox } from './sandbox.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');
/** How long a state may take to show on a loaded CI machine (the bot answers, the page polls every 500 ms). */
const WAIT = { timeout: 20_000 };

/**
 * One release as its people walk it, by clicking: the create form, every role in one form, the standup schedule and
 * escalation forms, the App Home of the RM and of a voter with their open items as buttons, a standup answered and a
 * vote cast from the Home, the RM deciding. Each step saves `walk-NN-*.png` under test/output/ to be looked at.
 * Fields are found by their labels and buttons by their names, so forms that grow a field do not break it.
 */
test('a release walked through its forms and the App Home, mostly by clicking, with a screenshot per step', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-walk-'));
  const sandbox = await startSandbox({
    port: 0,
    databasePath: join(dir, 'sandbox.sqlite'),
    // A Monday, 10:00 in Berlin (the release's time zone, Rosa's own).
    start: new Date('2026-11-23T09:00:00Z'),
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
  let step = 0;
  const shot = async (name: string, target: Page | Locator = page) => {
    step += 1;
    const path = join(OUTPUT, `walk-${String(step).padStart(2, '0')}-${name}.png`);
    if ('goto' in target) await target.screenshot({ path, fullPage: true });
    else await target.screenshot({ path });
  };
  const modal = page.locator('#modal');
  const modalTitled = (title: string) => page.locator('#modal h2', { hasText: title });
  const submitModal = async (button: string) => {
    await modal.getByRole('button', { name: button, exact: true }).click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  };

  await openChannel(page, 'release');
  await switchPerson(page, 'Rosa Martin');

  // 1. The create form: only the fields this walk needs; the rest (time zone…) keep their defaults.
  await type(page, '/release create');
  await modalTitled('New release').waitFor();
  await fillModalField(page, 'Name', '2.4.0');
  await fillModalField(page, 'Target date', '2026-12-10');
  await fillModalField(page, 'first day', '2026-11-23');
  await fillModalField(page, 'last day', '2026-12-12');
  await shot('create-form', modal);
  await submitModal('Create');
  await messageWith(page, 'created release').waitFor();
  await shot('created');

  // Her Home right after, before anyone holds a role.
  await openHome(page);
  await page.locator('#home .bk-header', { hasText: 'Your releases' }).waitFor();
  await shot('home-creator');
  await openChannel(page, 'release');

  // 2. Every role in one form, one submission.
  await type(page, '/release roles');
  await modalTitled('Roles').waitFor();
  await pickInModal(page, 'Release Manager', 'Rosa Martin');
  await pickInModal(page, 'Tech Lead', 'Theo Lang');
  await pickInModal(page, 'QA Lead', 'Quinn Adams');
  await pickInModal(page, 'DevOps', 'Devi Patel');
  await pickInModal(page, 'Product Owner', 'Paula Olsen');
  // A role's picker shows who is picked as a token, as Slack's multi-select does.
  const techLead = page
    .locator('#modal .bk-input-block')
    .filter({ has: page.locator('.bk-label', { hasText: 'Tech Lead' }) });
  expect(await techLead.locator('.bk-token').allInnerTexts()).toEqual([expect.stringContaining('Theo Lang')]);
  await shot('roles-form', modal);
  await submitModal('Save');
  const roles = messageWith(page, 'set the roles on');
  await roles.waitFor();
  for (const name of ['Rosa Martin', 'Theo Lang', 'Quinn Adams', 'Devi Patel', 'Paula Olsen']) {
    expect(await roles.innerText()).toContain(`@${name}`);
  }
  await shot('roles-set');

  // 3. The standup schedule form: today's standup at 10:30, half an hour from now.
  await type(page, '/release standup config');
  await modalTitled('Standup schedule').waitFor();
  await fillModalField(page, 'Standup time', '10:30');
  await shot('standup-form', modal);
  await submitModal('Save');
  await messageWith(page, 'Standup schedule of 2.4.0 saved').waitFor();
  await shot('standup-saved');

  // 4. The escalation levels form: level 1 posts in #release and pings the Tech Lead.
  await type(page, '/release escalation');
  await modalTitled('Escalation levels').waitFor();
  await pickInModal(page, 'Level', /^Level 1/);
  await pickInModal(page, 'Posts in', '#release');
  await pickInModal(page, 'Pings', 'Theo Lang');
  await fillModalField(page, 'Time to acknowledge', '20m');
  await shot('escalation-form', modal);
  await submitModal('Save');
  const saved = messageWith(page, 'now posts in');
  await saved.waitFor();
  expect(await saved.innerText()).toMatch(
    /Level 1 \(Team\) now posts in #release for 2\.4\.0, pings @Theo Lang, .*after 20m/,
  );
  await shot('escalation-saved');

  // 5. The RM's App Home: her release, and what she can do from here.
  await openHome(page);
  const home = page.locator('#home');
  await expect.poll(() => home.innerText(), WAIT).toContain('2.4.0');
  await homeButton(page, 'Open go/no-go').waitFor();
  await shot('home-rm');

  // 6. Half an hour later the standup prompt is in the channel (the page's +1 h button moves the clock).
  await openChannel(page, 'release');
  await page.getByRole('button', { name: '+1 h', exact: true }).click();
  const prompt = messageWith(page, /standup/i).filter({ has: page.getByRole('button', { name: 'Answer standup' }) });
  await prompt.waitFor();
  await shot('standup-prompt');

  // 7. The RM opens the go/no-go from her Home.
  await openHome(page);
  await homeButton(page, 'Open go/no-go').click();
  await openChannel(page, 'release');
  const poll = messageWith(page, 'Go/No-Go · 2.4.0');
  await poll.waitFor();

  // 8. The Tech Lead's Home: his standup and his vote, as buttons.
  await switchPerson(page, 'Theo Lang');
  await openHome(page);
  await homeButton(page, 'Answer standup').waitFor();
  await homeButton(page, 'Vote').waitFor();
  await shot('home-voter');

  // 9. He answers the standup from the Home: the same form as the prompt's.
  await homeButton(page, 'Answer standup').click();
  await modal.waitFor();
  // The Tech Lead's questions are all optional (an empty answer is "no blockers"): he writes his risks only.
  await fillModalField(page, 'risks', 'The schema migration on orders needs a second review');
  await shot('standup-answer-form', modal);
  await modal.locator('.modal-footer .bk-primary').click();
  await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  await expect.poll(() => homeButton(page, 'Answer standup').count(), WAIT).toBe(0);
  await shot('home-voter-answered');

  // 10. *Vote* on the Home opens the channel the poll is in, where he votes Go on his role's row.
  await homeButton(page, 'Vote').click();
  await page.locator('#conversation-title', { hasText: '#release' }).waitFor();
  await voteOnPoll(page, 'tech_lead', 'Go');
  await expect.poll(() => roleRow(page, 'tech_lead').innerText(), WAIT).toMatch(/Go ·/);
  await shot('voted');

  // The other voters vote from the poll itself.
  for (const [person, role] of [
    ['Quinn Adams', 'qa_lead'],
    ['Devi Patel', 'devops'],
    ['Paula Olsen', 'product_owner'],
  ] as const) {
    await switchPerson(page, person);
    await voteOnPoll(page, role, 'Go');
    await expect.poll(() => roleRow(page, role).innerText(), WAIT).toMatch(/Go ·/);
  }

  // 11. Everyone has voted: the RM's Home says so and leads her to the poll, where she decides.
  await switchPerson(page, 'Rosa Martin');
  await openHome(page);
  await homeButton(page, 'Decide').waitFor();
  await shot('home-rm-decide');
  await homeButton(page, 'Decide').click();
  await page.locator('#conversation-title', { hasText: '#release' }).waitFor();
  await poll.getByRole('button', { name: 'Decide Go', exact: true }).click();
  await modalTitled('Decide').waitFor();
  await fillModalField(page, 'Rationale', 'Every role is Go');
  const override = modalField(page, 'Override reason');
  if ((await override.count()) > 0) await override.fill('The checklist is ticked after the freeze');
  await shot('decide-form', modal);
  await submitModal('Decide');
  await expect.poll(() => messageWith(page, 'Go/No-Go · 2.4.0').innerText(), WAIT).toContain('Decision: Go');
  await shot('decided');

  // 12. The RM's Home after the decision.
  await openHome(page);
  await expect.poll(() => homeButton(page, 'Decide').count(), WAIT).toBe(0);
  await shot('home-rm-after');
}, 180_000);

/** A button on the App Home tab, by its label. */
function homeButton(page: Page, label: string): Locator {
  return page.locator('#home').getByRole('button', { name: label, exact: true });
}

function roleRow(page: Page, role: string): Locator {
  return messageWith(page, 'Go/No-Go · 2.4.0').locator(`[data-block-id="poll_role:${role}"]`);
}

async function voteOnPoll(page: Page, role: string, button: string): Promise<void> {
  const row = messageWith(page, 'Go/No-Go · 2.4.0').locator(`[data-block-id="poll_vote:${role}"]`);
  await row.getByRole('button', { name: button, exact: true }).click();
}
