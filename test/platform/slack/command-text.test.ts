import { expect, test } from 'vitest';
import {
  freeText,
  parseChannelMention,
  parseCommandText,
  parseUsergroupMention,
  parseUserMention,
  tokenize,
} from '../../../src/platform/slack/command-text.ts';

test('options are key:value, quoted values keep their spaces, the rest is free text in order', () => {
  const result = parseCommandText('Login is slow severity:4 mitigation:"add a canary" likelihood:2', [
    'severity',
    'likelihood',
    'mitigation',
  ]);
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.parsed.words).toEqual(['Login', 'is', 'slow']);
  expect(Object.fromEntries(result.parsed.options)).toEqual({
    severity: '4',
    likelihood: '2',
    mitigation: 'add a canary',
  });
});

test('typographic quotes from Slack clients work like straight ones', () => {
  expect(tokenize('mitigation:“add a canary” now')).toEqual({ ok: true, tokens: ['mitigation:add a canary', 'now'] });
});

test('an unknown key stays free text; a repeated or empty option is an error', () => {
  const text = parseCommandText('note: see https://x.y', ['severity']);
  expect(text.ok && text.parsed.words).toEqual(['note:', 'see', 'https://x.y']);
  expect(parseCommandText('severity:1 severity:2', ['severity'])).toEqual({
    ok: false,
    message: '`severity:` is given twice.',
  });
  expect(parseCommandText('severity:', ['severity']).ok).toBe(false);
  expect(parseCommandText('title:"open', ['title']).ok).toBe(false);
});

test('every mention form Slack sends', () => {
  expect(parseUserMention('<@U123ABC>')).toBe('U123ABC');
  expect(parseUserMention('<@W123ABC|dana>')).toBe('W123ABC');
  expect(parseUserMention('@dana')).toBeUndefined();
  expect(parseChannelMention('<#C123ABC|eng>')).toBe('C123ABC');
  expect(parseChannelMention('<#C123ABC>')).toBe('C123ABC');
  expect(parseUsergroupMention('<!subteam^S123ABC|@oncall>')).toBe('S123ABC');
  expect(parseUsergroupMention('<!subteam^S123ABC>')).toBe('S123ABC');
});

test('Slack-escaped characters in free text come back as typed', () => {
  expect(freeText(['R&amp;D', '&lt;beta&gt;'])).toBe('R&D <beta>');
});
