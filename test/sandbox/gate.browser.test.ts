import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';
import { tickChecklistItem } from '../../src/governance/usecases/tick-checklist-item.ts';
import { decideGo } from '../helpers/gate.ts';
import { clickAs, launchBrowser, messageWith, openChannel, switchPerson, type } from './browser.ts';
import { startSandbox } from './sandbox.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

test('the deployment gate on the page: a refused ship, owner ticks and an override, a stale Go confirmed with one click', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-gate-'));
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
  page.setDefaultTimeout(10_000);
  await page.goto(sandbox.url);
  mkdirSync(OUTPUT, { recursive: true });
  await openChannel(page, 'release');

  // Rosa ships with no Go: refused, privately, with what is missing and the way forward.
  await switchPerson(page, 'Rosa Martin');
  await type(page, '/release ship');
  const refused = messageWith(page, 'cannot ship yet');
  await refused.waitFor();
  expect(await refused.innerText()).toContain('No Go decision yet');
  await page.screenshot({ path: join(OUTPUT, 'gate-ship-refused.png'), fullPage: true });

  // Quinn ticks a quality gate; Rosa may not, and overrides another one with a reason instead.
  expect((await tickChecklistItem(sandbox.bot.deps, { releaseId: 1, key: 'tests_passing', actorId: 'UQA' })).ok).toBe(
    true,
  );
  await type(page, '/release checklist override item:quality_gates "perf budget waived for the hotfix"');
  await messageWith(page, 'accepted Go on').waitFor();
  await switchPerson(page, 'Paula Olsen');
  await type(page, '/release checklist');
  const checklist = messageWith(page, 'Checklist · 2.4.0');
  await checklist.waitFor();
  expect(await checklist.innerText()).toContain('overridden by @Rosa Martin');
  await page.screenshot({ path: join(OUTPUT, 'gate-checklist.png'), fullPage: true });

  // A Go (set up through the use cases), then a risk of score 16: the Go goes stale on its poll.
  await decideGo(sandbox.bot.deps, 1);
  await sandbox.travel({ ms: 60_000 });
  await switchPerson(page, 'Theo Lang');
  await type(page, '/release risk add "Card processor retires its API" severity:4 likelihood:4');
  const stale = messageWith(page, 'needs re-confirmation');
  await stale.waitFor();
  await page.screenshot({ path: join(OUTPUT, 'gate-stale-go.png'), fullPage: true });

  // Rosa ships: asked to confirm; one click confirms and ships.
  await switchPerson(page, 'Rosa Martin');
  await type(page, '/release ship');
  await messageWith(page, 'Confirm Go and ship').waitFor();
  await clickAs(page, 'Rosa Martin', 'Confirm Go and ship');
  const shipped = messageWith(page, 'was shipped by');
  await shipped.waitFor();
  expect(await shipped.innerText()).toContain('re-confirmed by @Rosa Martin');
  await page.screenshot({ path: join(OUTPUT, 'gate-shipped.png'), fullPage: true });
}, 90_000);
