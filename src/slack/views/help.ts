import type { KnownBlock } from '@slack/types';
import type { Subcommand } from '../commands/types.ts';
import { context, header, type SlackMessage, section } from './message.ts';

/** `/release help`: one line per subcommand with its usage and summary, chunked to stay inside block limits. */
export function buildHelpMessage(subcommands: readonly Subcommand[]): SlackMessage {
  const lines = subcommands.map((sub) => `\`${sub.usage}\`\n${sub.summary}`);
  const blocks: KnownBlock[] = [header('/release commands')];
  let chunk: string[] = [];
  for (const line of lines) {
    if ([...chunk, line].join('\n').length > 2800) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  blocks.push(
    context(
      '`/release help <command>` explains one. Options are `key:value`; quote values with spaces. ' +
        '`release:<name>` acts on another release than this channel’s.',
    ),
  );
  return { text: '/release commands', blocks };
}

export function buildSubcommandHelpMessage(sub: Subcommand): SlackMessage {
  const lines = [`*\`${sub.usage}\`*`, sub.summary];
  if (sub.details) lines.push(sub.details);
  lines.push(`Example: \`${sub.example}\``);
  return { text: sub.usage, blocks: [section(lines.join('\n'))] };
}
