import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

/**
 * Slack reads `<…>` in mrkdwn as a link or a mention and swallows it, so guidance such as "`/release checklist
 * override <reason>`" reaches people as "override". Message literals must write placeholders as `&lt;reason&gt;`.
 * Subcommand `usage`/`details` strings (and `*_USAGE` constants) are exempt: the help and error views escape them.
 */
const RAW_PLACEHOLDER = /(?<![\w$&])<(?!@\$\{|#\$\{|!subteam|!date|!channel|!here|https?:)[a-z0-9@#][^<>\n`]*>/i;

test('no message text in src carries a raw <placeholder> that Slack would swallow', () => {
  const offenders: string[] = [];
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith('.ts'),
  );
  for (const file of files) {
    const path = join(file.parentPath, file.name);
    let exempt = false;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const trimmed = line.trim();
        if (/^(usage|details)\s*:/.test(trimmed) || /_USAGE\s*=/.test(trimmed)) exempt = true;
        const isComment = trimmed.startsWith('*') || trimmed.startsWith('//') || trimmed.startsWith('/**');
        const isTypeSyntax = /^(import|export type|type |\w+:\s*\()/.test(trimmed) || /\w<\w/.test(line);
        const isRegex = /\.(replace|match|test)\(\//.test(line);
        if (!exempt && !isComment && !isTypeSyntax && !isRegex && /['`"]/.test(line) && RAW_PLACEHOLDER.test(line)) {
          offenders.push(`${relative(SRC, path)}:${index + 1}: ${trimmed}`);
        }
        if (exempt && (trimmed.endsWith(',') || trimmed.endsWith(';'))) exempt = false;
      });
  }
  expect(offenders).toEqual([]);
});
