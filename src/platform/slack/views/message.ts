import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import { truncate } from './mrkdwn.ts';

/** A message as the views build it: blocks plus the fallback text notifications and screen readers use. */
export type SlackMessage = { text: string; blocks: KnownBlock[] };

export const SECTION_TEXT_MAX = 3000;

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) }] };
}

/** A plain_text object, cut to `max` characters (button labels allow 75, option texts 75, modal titles 24). */
export function plainText(text: string, max = 75) {
  return { type: 'plain_text' as const, text: truncate(text, max), emoji: true };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: true } };
}

export type UsageHelp = { usage: string; example: string };

/**
 * An error for the person who typed the command. `problem` is already mrkdwn (use cases write mentions as <@U…>);
 * anything a person typed must have been escaped into it.
 */
export function buildErrorMessage(problem: string, help?: UsageHelp): SlackMessage {
  const lines = [`:warning: ${problem}`];
  if (help) lines.push(`Usage: \`${escapeMrkdwn(help.usage)}\``, `Example: \`${escapeMrkdwn(help.example)}\``);
  return { text: problem, blocks: [section(lines.join('\n'))] };
}

export function buildNoticeMessage(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** A plain notice built from text a person typed. */
export function buildEscapedNotice(prefix: string, typed: string): SlackMessage {
  return buildNoticeMessage(`${prefix}${escapeMrkdwn(typed)}`);
}
