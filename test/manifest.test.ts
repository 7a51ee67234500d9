import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { expect, test } from 'vitest';
import { COMMAND } from '../src/core/ids.ts';
import type { Deps } from '../src/deps.ts';
import { registerListeners } from '../src/listeners.ts';
import { FEATURE_SCOPES, METHOD_SCOPES } from '../src/platform/slack/scopes.ts';

const ROOT = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));

/** What the code registers with Bolt, captured by handing registerListeners a recorder in place of the App. */
function registered() {
  const seen = { commands: [] as string[], events: [] as string[], actions: 0, views: 0 };
  const recorder = {
    command: (name: string) => void seen.commands.push(name),
    event: (name: string) => void seen.events.push(name),
    action: () => {
      seen.actions += 1;
    },
    view: () => {
      seen.views += 1;
    },
    options: () => undefined,
    shortcut: () => undefined,
  };
  registerListeners(recorder as unknown as App, {} as Deps);
  return seen;
}

test('every command the code handles is in the manifest, and the reverse', () => {
  const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
  expect(commands.sort()).toEqual([...new Set(registered().commands)].sort());
  const release = manifest.features.slash_commands.find((c: { command: string }) => c.command === COMMAND);
  expect(release.should_escape).toBe(true);
});

test('every event the code handles is subscribed, and the reverse', () => {
  expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
    [...new Set(registered().events)].sort(),
  );
});

test('interactivity and the App Home are on because the code uses them', () => {
  const seen = registered();
  expect(manifest.settings.interactivity.is_enabled).toBe(seen.actions + seen.views > 0);
  expect(manifest.features.app_home.home_tab_enabled).toBe(seen.events.includes('app_home_opened'));
});

function methodsCalled(): Set<string> {
  const methods = new Set<string>();
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith('.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join(file.parentPath, file.name), 'utf8');
    for (const match of text.matchAll(/\bclient\.((?:[a-z]+\.)+[a-zA-Z0-9]+)\(/g)) methods.add(match[1] as string);
  }
  methods.add('auth.test'); // Bolt calls it at start-up.
  return methods;
}

test('the manifest asks for exactly the bot scopes the code uses', () => {
  const needed = new Set<string>([FEATURE_SCOPES.slashCommands]);
  for (const method of methodsCalled()) {
    expect(method in METHOD_SCOPES, `add ${method} to METHOD_SCOPES in src/platform/slack/scopes.ts`).toBe(true);
    const scope = METHOD_SCOPES[method];
    for (const one of typeof scope === 'string' ? [scope] : (scope ?? [])) needed.add(one);
  }
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
});

test('the manifest respects Slack’s manifest schema limits', () => {
  const info = manifest.display_information;
  expect(info.name.length).toBeLessThanOrEqual(35);
  expect(info.description.length).toBeLessThanOrEqual(140);
  expect(info.long_description.length).toBeGreaterThanOrEqual(175);
  expect(info.long_description.length).toBeLessThanOrEqual(4000);
  for (const command of manifest.features.slash_commands) {
    expect(command.command).toMatch(/^\/.{1,31}$/);
    expect(command.description.length).toBeLessThanOrEqual(2000);
    expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
  }
  expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
});
