import { expect, test } from 'vitest';
import { code, escapeMrkdwn } from '../../../src/core/domain/markup.ts';

test('mentions, broadcasts and links typed by people become inert text', () => {
  expect(escapeMrkdwn('<!channel> hi <@U123> <https://evil.example|bank>')).toBe(
    '&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil.example|bank&gt;',
  );
  expect(escapeMrkdwn('R&D')).toBe('R&amp;D');
  expect(escapeMrkdwn('ping @here and @channel')).toBe('ping @\u200bhere and @\u200bchannel');
});

test('code() cannot be broken out of', () => {
  expect(code('a`b<!here>')).toBe("`a'b&lt;!here&gt;`");
});
