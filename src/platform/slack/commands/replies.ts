import { buildErrorMessage, buildNoticeMessage, type SlackMessage } from '../views/message.ts';
import type { CommandReply, Subcommand } from './types.ts';

export function ephemeral(message: SlackMessage): CommandReply {
  return { ephemeral: message };
}

export function notice(text: string): CommandReply {
  return { ephemeral: buildNoticeMessage(text) };
}

/** An error that also shows how the subcommand is written, with an example. */
export function usageError(sub: Pick<Subcommand, 'usage' | 'example'>, problem: string): CommandReply {
  return { ephemeral: buildErrorMessage(problem, { usage: sub.usage, example: sub.example }) };
}

export function problem(text: string): CommandReply {
  return { ephemeral: buildErrorMessage(text) };
}
