import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../core/deps.ts';
import type { ParsedText } from '../command-text.ts';
import type { SlackMessage } from '../views/message.ts';

export type CommandContext = {
  deps: Deps;
  client: WebClient;
  teamId: string;
  channelId: string;
  userId: string;
  triggerId: string;
  parsed: ParsedText;
};

/** What the person who typed the command sees: an ephemeral message, a message for the channel, or nothing. */
export type CommandReply = { ephemeral: SlackMessage } | { inChannel: SlackMessage } | { none: true };

export type Subcommand = {
  name: string;
  aliases?: readonly string[];
  usage: string;
  summary: string;
  example: string;
  /** Longer explanation for `/release help <name>`. */
  details?: string;
  /** Option keys this subcommand understands; `release` is understood by all. */
  options: readonly string[];
  run: (ctx: CommandContext) => Promise<CommandReply>;
};
