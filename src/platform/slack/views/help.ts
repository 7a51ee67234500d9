import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import { HELP_TOPIC_KEYS, HELP_TOPICS, type HelpTopic } from '../commands/help-topics.ts';
import type { SubcommandDescription } from '../commands/types.ts';
import { context, header, type SlackMessage, section } from './message.ts';

/** Below Slack's 3000 characters per section, with room for a heading. */
const SECTION_BUDGET = 2800;

const OPTIONS_NOTE =
  'Options are `key:value`; quote values with spaces. `release:&lt;name&gt;` acts on another release than this channel’s.';

/** Lines joined into as few sections as fit; the heading opens the first. */
function sections(heading: string, lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let chunk: string[] = [heading];
  for (const line of lines) {
    if (chunk.length > 0 && [...chunk, line].join('\n').length > SECTION_BUDGET) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  return blocks;
}

const usageLine = (sub: SubcommandDescription) => `\`${escapeMrkdwn(sub.usage)}\`\n${escapeMrkdwn(sub.summary)}`;

/** The literal words of a usage before its first placeholder or option: `/release unlink github` of `… <owner>/<repo>`. */
export function commandWords(sub: Pick<SubcommandDescription, 'name' | 'usage'>): string {
  const words: string[] = [];
  for (const word of sub.usage.split(/\s+/)) {
    if (/[<[|":]/.test(word)) break;
    words.push(word);
  }
  return words.length >= 2 ? words.join(' ') : `/release ${sub.name}`;
}

const topicHint = (topic: HelpTopic) => `\`/release help ${topic}\``;

/** The five steps of a first release, in order. */
export function gettingStarted(subcommands: readonly SubcommandDescription[]): SubcommandDescription[] {
  return subcommands
    .filter((sub) => sub.gettingStarted !== undefined)
    .sort((a, b) => (a.gettingStarted ?? 0) - (b.gettingStarted ?? 0));
}

/**
 * `/release help`: "Getting started" (the five commands of a first release, with their usage) first, then every
 * other subcommand under its topic, one line each; `help <topic>` has the usage of a topic's commands.
 */
export function buildHelpMessage(subcommands: readonly SubcommandDescription[]): SlackMessage {
  const first = gettingStarted(subcommands);
  const blocks: KnownBlock[] = [header('/release commands')];
  blocks.push(
    ...sections(
      '*Getting started*: one release, from creating it to shipping it',
      first.map((sub, i) => `${i + 1}. \`${escapeMrkdwn(sub.usage)}\`\n${escapeMrkdwn(sub.summary)}`),
    ),
    { type: 'divider' },
  );
  for (const topic of HELP_TOPIC_KEYS) {
    const rest = subcommands.filter((sub) => sub.topic === topic && sub.gettingStarted === undefined);
    if (rest.length === 0) continue;
    blocks.push(
      ...sections(
        `*${escapeMrkdwn(HELP_TOPICS[topic].title)}* · ${topicHint(topic)}`,
        rest.map((sub) => `\`${escapeMrkdwn(commandWords(sub))}\` ${escapeMrkdwn(sub.summary)}`),
      ),
    );
  }
  blocks.push(
    context(
      `\`/release help &lt;topic&gt;\` lists a topic with usage; \`/release help &lt;command&gt;\` explains one. ${OPTIONS_NOTE}`,
    ),
  );
  return { text: '/release commands', blocks };
}

/** `/release help <topic>`: the topic's commands with their usage and summary. */
export function buildTopicHelpMessage(topic: HelpTopic, subcommands: readonly SubcommandDescription[]): SlackMessage {
  const { title, blurb } = HELP_TOPICS[topic];
  const inTopic = subcommands.filter((sub) => sub.topic === topic);
  return {
    text: `/release commands: ${escapeMrkdwn(title)}`,
    blocks: [
      header(`/release: ${title}`),
      ...sections(`_${escapeMrkdwn(blurb)}_`, inTopic.map(usageLine)),
      context(`\`/release help &lt;command&gt;\` explains one, with an example. ${OPTIONS_NOTE}`),
    ],
  };
}

export function buildSubcommandHelpMessage(sub: SubcommandDescription): SlackMessage {
  const lines = [`*\`${escapeMrkdwn(sub.usage)}\`*`, escapeMrkdwn(sub.summary)];
  if (sub.details) lines.push(escapeMrkdwn(sub.details));
  lines.push(`Example: \`${escapeMrkdwn(sub.example)}\``);
  return {
    text: escapeMrkdwn(sub.usage),
    blocks: [
      section(lines.join('\n')),
      context(`Part of *${escapeMrkdwn(HELP_TOPICS[sub.topic].title)}*: ${topicHint(sub.topic)} lists its commands.`),
    ],
  };
}
