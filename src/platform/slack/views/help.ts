import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import type { SubcommandDescription } from '../commands/types.ts';
import { context, header, type SlackMessage, section } from './message.ts';

/** `/release help`: one line per subcommand with its usage and summary, chunked to stay inside block limits. */
export function buildHelpMessage(subcommands: readonly SubcommandDescription[]): SlackMessage {
  const lines = subcommands.map((sub) => `\`${escapeMrkdwn(sub.usage)}\`\n${escapeMrkdwn(sub.summary)}`);
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
      '`/release help &lt;command&gt;` explains one. Options are `key:value`; quote values with spaces. ' +
        '`release:&lt;name&gt;` acts on another release than this channel’s.',
    ),
  );
  return { text: '/release commands', blocks };
}

export function buildSubcommandHelpMessage(sub: SubcommandDescription): SlackMessage {
  const lines = [`*\`${escapeMrkdwn(sub.usage)}\`*`, escapeMrkdwn(sub.summary)];
  if (sub.details) lines.push(escapeMrkdwn(sub.details));
  lines.push(`Example: \`${escapeMrkdwn(sub.example)}\``);
  return { text: escapeMrkdwn(sub.usage), blocks: [section(lines.join('\n'))] };
}
