import { expect, test } from 'vitest';
import { SUBCOMMANDS } from '../../../../src/commands.ts';
import { escapeMrkdwn } from '../../../../src/core/domain/markup.ts';
import {
  GETTING_STARTED_STEPS,
  HELP_TOPIC_KEYS,
  HELP_TOPICS,
} from '../../../../src/platform/slack/commands/help-topics.ts';
import { usageError } from '../../../../src/platform/slack/commands/replies.ts';
import {
  buildHelpMessage,
  buildSubcommandHelpMessage,
  buildTopicHelpMessage,
  commandWords,
  gettingStarted,
} from '../../../../src/platform/slack/views/help.ts';

/** Slack reads `<…>` as a link or mention; only its own sequences may appear raw in mrkdwn. */
function rawAngleBrackets(message: unknown): string[] {
  return [...JSON.stringify(message).matchAll(/<(?![@#!]|https?:)[^>]*>/g)].map((m) => m[0]);
}

test('help shows every usage with its placeholders escaped, so Slack does not eat them', () => {
  const help = buildHelpMessage(SUBCOMMANDS);
  expect(rawAngleBrackets(help)).toEqual([]);
  for (const key of HELP_TOPIC_KEYS) expect(rawAngleBrackets(buildTopicHelpMessage(key, SUBCOMMANDS))).toEqual([]);
  expect(JSON.stringify(help)).toContain('/release create &lt;name&gt;');
  for (const sub of SUBCOMMANDS) expect(rawAngleBrackets(buildSubcommandHelpMessage(sub))).toEqual([]);
});

test('usage errors escape the usage line too', () => {
  for (const sub of SUBCOMMANDS) expect(rawAngleBrackets(usageError(sub, 'x'))).toEqual([]);
});

const blockTexts = (message: { blocks: readonly unknown[] }) =>
  message.blocks.flatMap((block) => {
    const b = block as { text?: { text: string }; elements?: { text?: string }[] };
    return [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')];
  });

test('every registered subcommand declares a help topic, and "Getting started" has exactly five steps, 1 to 5', () => {
  for (const sub of SUBCOMMANDS) expect(Object.keys(HELP_TOPICS), sub.name).toContain(sub.topic);
  const steps = gettingStarted(SUBCOMMANDS);
  expect(steps).toHaveLength(GETTING_STARTED_STEPS);
  expect(steps.map((sub) => sub.gettingStarted)).toEqual([1, 2, 3, 4, 5]);
  expect(steps.map((sub) => sub.name)).toEqual(['create', 'roles', 'checklist', 'gonogo', 'ship']);
});

test('no help topic is spelt like a subcommand or an alias, so `help <command>` always explains the command', () => {
  const words = SUBCOMMANDS.flatMap((sub) => [sub.name, ...(sub.aliases ?? [])]);
  for (const key of HELP_TOPIC_KEYS) expect(words).not.toContain(key);
  // Every topic has a command to list.
  for (const key of HELP_TOPIC_KEYS)
    expect(
      SUBCOMMANDS.some((sub) => sub.topic === key),
      key,
    ).toBe(true);
});

test('help lists "Getting started" first with usage, then each topic once, each other subcommand exactly once', () => {
  const help = buildHelpMessage(SUBCOMMANDS);
  const texts = blockTexts(help);
  expect(texts[1]).toMatch(/^\*Getting started\*/);
  expect(texts[1]).toContain('1. `/release create &lt;name&gt; target:');
  expect(texts[1]).toContain('5. `/release ship');
  const body = texts.join('\n');
  const titles = HELP_TOPIC_KEYS.map((key) =>
    body.indexOf(`*${escapeMrkdwn(HELP_TOPICS[key].title)}* · \`/release help ${key}\``),
  );
  expect(titles.every((at) => at > 0)).toBe(true);
  expect([...titles].sort((a, b) => a - b)).toEqual(titles);
  for (const sub of SUBCOMMANDS) {
    const listed = body.split('\n').filter((line) => new RegExp(`^\`/release ${sub.name}[ \`]`).test(line)).length;
    expect(listed, sub.name).toBe(sub.gettingStarted ? 0 : 1);
  }
});

test('help, every topic and every subcommand stay inside Slack block limits', () => {
  const messages = [
    buildHelpMessage(SUBCOMMANDS),
    ...HELP_TOPIC_KEYS.map((key) => buildTopicHelpMessage(key, SUBCOMMANDS)),
    ...SUBCOMMANDS.map(buildSubcommandHelpMessage),
  ];
  for (const message of messages) {
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of blockTexts(message)) expect(text.length).toBeLessThanOrEqual(3000);
    // Nothing was cut to fit: truncate() ends with an ellipsis.
    for (const text of blockTexts(message)) expect(text.endsWith('…')).toBe(false);
  }
});

test('a long topic is split into several sections, not cut', () => {
  const many = Array.from({ length: 40 }, (_, i) => ({
    name: `cmd${i}`,
    topic: 'releases' as const,
    usage: `/release cmd${i} ${'x'.repeat(80)}`,
    summary: 's'.repeat(80),
    example: `/release cmd${i}`,
    options: [],
  }));
  const topic = buildTopicHelpMessage('releases', many);
  const sections = topic.blocks.filter((b) => b.type === 'section');
  expect(sections.length).toBeGreaterThan(1);
  const body = blockTexts(topic).join('\n');
  for (const sub of many) expect(body).toContain(`/release ${sub.name} `);
  for (const text of blockTexts(topic)) expect(text.length).toBeLessThanOrEqual(3000);
});

test('help <topic> lists its commands with usage and summary; a subcommand’s help names its topic', () => {
  const topic = blockTexts(buildTopicHelpMessage('escalating', SUBCOMMANDS)).join('\n');
  for (const name of ['escalate', 'escalation', 'escalations']) {
    const sub = SUBCOMMANDS.find((s) => s.name === name);
    expect(topic).toContain(sub?.summary);
    expect(topic).toContain(`\`/release ${name}`);
  }
  expect(topic).not.toContain('/release gonogo');
  const checklist = SUBCOMMANDS.find((s) => s.name === 'checklist');
  if (!checklist) throw new Error('no checklist subcommand');
  expect(blockTexts(buildSubcommandHelpMessage(checklist)).join('\n')).toContain(
    'Part of *Checklist &amp; governance*: `/release help governance`',
  );
});

test('a topic line shows the command’s literal words, so `unlink github` is not shortened to `unlink`', () => {
  const line = (name: string) => {
    const sub = SUBCOMMANDS.find((s) => s.name === name);
    if (!sub) throw new Error(name);
    return commandWords(sub);
  };
  expect(line('unlink')).toBe('/release unlink github');
  expect(line('link')).toBe('/release link'); // `github …` is optional: bare `link` lists the links
  expect(line('status')).toBe('/release status');
  expect(line('token')).toBe('/release token');
  expect(line('away')).toBe('/release away');
});
