/**
 * Parses the text of a slash command as commands.md defines it: `key:value` options (values with spaces quoted),
 * Slack's escaped mentions, and free text for whatever is left, in order.
 */
export type ParsedText = {
  /** Tokens that are not options, in the order typed. */
  words: string[];
  options: Map<string, string>;
};

export type ParseOutcome = { ok: true; parsed: ParsedText } | { ok: false; message: string };

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“', "'": "'", '‘': '’' };

/** Splits on white space, keeping quoted stretches (straight or typographic quotes, as Slack clients send) whole. */
export function tokenize(text: string): { ok: true; tokens: string[] } | { ok: false; message: string } {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const closing = QUOTES[ch];
    if (closing && (!inToken || /^[\w-]+:$/.test(current))) {
      const end = text.indexOf(closing, i + 1);
      if (end === -1) return { ok: false, message: `A quote opened with ${ch} is never closed.` };
      current += text.slice(i + 1, end);
      inToken = true;
      i = end + 1;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
    i += 1;
  }
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}

/** Options are recognised only for keys the subcommand knows, so a colon in free text stays text. */
export function parseCommandText(text: string, optionKeys: readonly string[]): ParseOutcome {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return tokenized;
  const words: string[] = [];
  const options = new Map<string, string>();
  for (const token of tokenized.tokens) {
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if (key && optionKeys.includes(key)) {
      if (options.has(key)) return { ok: false, message: `\`${key}:\` is given twice.` };
      const value = token.slice(colon + 1);
      if (value === '') return { ok: false, message: `\`${key}:\` needs a value.` };
      options.set(key, unescapeSlackText(value));
    } else {
      words.push(token);
    }
  }
  return { ok: true, parsed: { words, options } };
}

const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CHANNEL_MENTION = /^<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>$/;
const GROUP_MENTION = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseUserMention(token: string): string | undefined {
  return USER_MENTION.exec(token)?.[1];
}

export function parseChannelMention(token: string): string | undefined {
  return CHANNEL_MENTION.exec(token)?.[1];
}

export function parseUsergroupMention(token: string): string | undefined {
  return GROUP_MENTION.exec(token)?.[1];
}

/** Slack escapes `&`, `<` and `>` in command text; people meant the plain characters. */
export function unescapeSlackText(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** Free text from the remaining words, as typed (unescaped; escape again before putting it into mrkdwn). */
export function freeText(words: readonly string[]): string {
  return unescapeSlackText(words.join(' ')).trim();
}
