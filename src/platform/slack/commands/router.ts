import { closestWords } from '../../../core/domain/edit-distance.ts';
import { code } from '../../../core/domain/markup.ts';
import { parseCommandText } from '../command-text.ts';
import { buildHelpMessage, buildSubcommandHelpMessage, buildTopicHelpMessage } from '../views/help.ts';
import { buildErrorMessage } from '../views/message.ts';
import { HELP_TOPIC_KEYS, type HelpTopic } from './help-topics.ts';
import { ephemeral, usageError } from './replies.ts';
import type { CommandContext, CommandReply, Subcommand } from './types.ts';

export type CommandRequest<D> = Omit<CommandContext<D>, 'parsed'> & { text: string };

function findSubcommand<D>(subcommands: readonly Subcommand<D>[], word: string): Subcommand<D> | undefined {
  const name = word.toLowerCase();
  return subcommands.find((sub) => sub.name === name || sub.aliases?.includes(name));
}

/**
 * Closest known subcommands by edit distance (a misspelt alias suggests its subcommand), and for `help <word>` the
 * help topics too, for "did you mean".
 */
function suggestions(
  subcommands: readonly Pick<Subcommand, 'name' | 'aliases'>[],
  word: string,
  topics: readonly HelpTopic[] = [],
): string[] {
  const byWord = new Map<string, string>();
  for (const sub of subcommands) for (const w of [sub.name, ...(sub.aliases ?? [])]) byWord.set(w, sub.name);
  for (const topic of topics) byWord.set(topic, topic);
  const near = closestWords(word, [...byWord.keys()], 6).map((w) => byWord.get(w) ?? w);
  return [...new Set(near)].slice(0, 3);
}

/** Splits `/release <subcommand> …`, answers help itself and hands the rest to the subcommand. */
export async function routeReleaseCommand<D>(
  request: CommandRequest<D>,
  subcommands: readonly Subcommand<D>[],
): Promise<CommandReply> {
  const text = request.text.trim();
  const [first = '', ...rest] = text.split(/\s+/);
  if (first === '' || first.toLowerCase() === 'help') {
    const topic = rest[0];
    if (!topic) return ephemeral(buildHelpMessage(subcommands));
    const sub = findSubcommand(subcommands, topic);
    if (sub) return ephemeral(buildSubcommandHelpMessage(sub));
    const helpTopic = HELP_TOPIC_KEYS.find((key) => key === topic.toLowerCase());
    if (helpTopic) return ephemeral(buildTopicHelpMessage(helpTopic, subcommands));
    const near = suggestions(subcommands, topic, HELP_TOPIC_KEYS);
    const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
    return ephemeral(
      buildErrorMessage(`There is no subcommand or help topic ${code(topic)}.${hint} \`/release help\` lists them.`),
    );
  }
  const sub = findSubcommand(subcommands, first);
  if (!sub) {
    const near = suggestions(subcommands, first);
    const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
    return ephemeral(
      buildErrorMessage(`${code(first)} is not a /release command.${hint} \`/release help\` lists them all.`),
    );
  }
  const parsed = parseCommandText(text.slice(first.length), [...sub.options, 'release']);
  if (!parsed.ok) return usageError(sub, parsed.message);
  return sub.run({ ...request, parsed: parsed.parsed });
}
