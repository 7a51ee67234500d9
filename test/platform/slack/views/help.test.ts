import { expect, test } from 'vitest';
import { SUBCOMMANDS } from '../../../../src/commands.ts';
import { usageError } from '../../../../src/platform/slack/commands/replies.ts';
import { buildHelpMessage, buildSubcommandHelpMessage } from '../../../../src/platform/slack/views/help.ts';

/** Slack reads `<…>` as a link or mention; only its own sequences may appear raw in mrkdwn. */
function rawAngleBrackets(message: unknown): string[] {
  return [...JSON.stringify(message).matchAll(/<(?![@#!]|https?:)[^>]*>/g)].map((m) => m[0]);
}

test('help shows every usage with its placeholders escaped, so Slack does not eat them', () => {
  const help = buildHelpMessage(SUBCOMMANDS);
  expect(rawAngleBrackets(help)).toEqual([]);
  expect(JSON.stringify(help)).toContain('/release create &lt;name&gt;');
  for (const sub of SUBCOMMANDS) expect(rawAngleBrackets(buildSubcommandHelpMessage(sub))).toEqual([]);
});

test('usage errors escape the usage line too', () => {
  for (const sub of SUBCOMMANDS) expect(rawAngleBrackets(usageError(sub, 'x'))).toEqual([]);
});
