/** `/release help` through the real bot and the fake Slack: grouped, by topic, one command, and "did you mean". */
import { expect, test } from 'vitest';
import { startTestBot } from '../../../helpers/e2e.ts';
import { CAST } from '../../../helpers/people.ts';

test('help is grouped: the five getting-started steps first, then topics; help <topic> and help <command> narrow it', async () => {
  const t = await startTestBot();
  const all = await t.command(CAST.outsider.id, 'help');
  expect(all.reply?.response_type).toBe('ephemeral');
  const blocks = (all.reply?.blocks ?? []) as { type: string; text?: { text: string } }[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  const start = blocks[1]?.text?.text ?? '';
  expect(start).toMatch(/^\*Getting started\*/);
  expect([...start.matchAll(/^(\d)\. `\/release (\w+)/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
    '1 create',
    '2 roles',
    '3 checklist',
    '4 gonogo',
    '5 ship',
  ]);
  expect(all.visible).toContain('*Escalation* · `/release help escalating`');

  const topic = await t.command(CAST.outsider.id, 'help escalating');
  expect(topic.reply?.response_type).toBe('ephemeral');
  expect(topic.visible).toContain('/release: Escalation');
  expect(topic.visible).toContain('/release escalate [level:&lt;1-3&gt;] [category:&lt;key&gt;] &lt;summary&gt;');
  expect(topic.visible).toContain('Open escalations of the workspace');
  expect(topic.visible).not.toContain('/release gonogo');

  // A command whose name is also a topic's subject still explains the command.
  const one = await t.command(CAST.outsider.id, 'help escalation');
  expect(one.visible).toContain('Example: `/release escalation');
  expect(one.visible).toContain('`/release help escalating` lists its commands');
  expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
});

test.each([
  ['help escalatng', 'Did you mean `escalating`'],
  ['help govrnance', 'Did you mean `governance`'],
  ['help checklst', 'Did you mean `checklist`'],
  ['help PEOPLE', '/release commands: Roles &amp; absence'],
  ['help zzzzzz', 'There is no subcommand or help topic `zzzzzz`.'],
])('`/release %s` answers %s', async (text, expected) => {
  const t = await startTestBot();
  const reply = await t.command(CAST.rm.id, text);
  expect(reply.reply?.response_type).toBe('ephemeral');
  expect(reply.visible).toContain(expected);
});
