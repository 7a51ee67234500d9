import type { WebClient } from '@slack/web-api';
import type { ParsedText } from '../command-text.ts';
import type { SlackMessage } from '../views/message.ts';
import type { GettingStartedStep, HelpTopic } from './help-topics.ts';

/** `D` is what the subcommand's module needs; the composition root passes every module's dependencies. */
export type CommandContext<D = unknown> = {
  deps: D;
  client: WebClient;
  teamId: string;
  channelId: string;
  userId: string;
  triggerId: string;
  parsed: ParsedText;
};

/** What the person who typed the command sees: an ephemeral message, a message for the channel, or nothing. */
export type CommandReply = { ephemeral: SlackMessage } | { inChannel: SlackMessage } | { none: true };

export type Subcommand<D = unknown> = {
  name: string;
  aliases?: readonly string[];
  usage: string;
  summary: string;
  example: string;
  /** The group `/release help` lists it under; `/release help <topic>` lists the group. */
  topic: HelpTopic;
  /** Its step in help's "Getting started" (the five commands that take a first release through). */
  gettingStarted?: GettingStartedStep;
  /** Longer explanation for `/release help <name>`. */
  details?: string;
  /** Option keys this subcommand understands; `release` is understood by all. */
  options: readonly string[];
  run: (ctx: CommandContext<D>) => Promise<CommandReply>;
};

/** A subcommand as help describes it: everything but how it runs. */
export type SubcommandDescription = Omit<Subcommand, 'run'>;
