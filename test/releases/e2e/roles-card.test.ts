import { expect, test } from 'vitest';
import { startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const cards = (t: TestBot): FakeMessage[] => t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Roles for'));

async function cardSaying(t: TestBot, words: string): Promise<FakeMessage> {
  return t.fake.waitFor(() => cards(t).find((m) => visibleText(m).includes(words)));
}

test('the roles card follows the roles: it never asks for a role already named', async () => {
  const t = await startTestBot();
  const created = await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10 window:2026-12-01..2026-12-12');
  expect(created.reply?.response_type).toBe('in_channel');
  // The command's answer cannot be edited later, so it makes no promise about what to do next.
  expect(created.visible).not.toContain('Next:');

  // The card follows the "created" message (a timer, run by the next tick), once.
  await t.tick();
  await t.tick();
  const first = await cardSaying(t, 'Next: name the Release Manager');
  expect(cards(t)).toHaveLength(1);
  const announced = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Release 2.4.0 created'));
  if (!announced) throw new Error('no "created" message');
  expect(Number(first.ts)).toBeGreaterThan(Number(announced.ts));
  expect(visibleText(first)).toContain('*Release Manager*: _not named yet_');

  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  const afterRm = await cardSaying(t, 'Next: name the Tech Lead');
  expect(afterRm.ts).toBe(first.ts); // updated in place
  const text = visibleText(afterRm);
  expect(text).not.toContain('name the Release Manager');
  expect(text).toContain(`*Release Manager*: <@${CAST.rm.id}>`);
  expect(text).toContain('`/release role tech-lead @person`');

  // Two roles named at once: neither is lost from the card.
  await Promise.all([
    t.command(CAST.rm.id, `role tech-lead <@${CAST.tech.id}>`),
    t.command(CAST.rm.id, `role qa <@${CAST.qa.id}>`),
  ]);
  const both = await cardSaying(t, 'Next: name the DevOps Engineer, Product Owner');
  expect(visibleText(both)).toContain(`*Tech Lead*: <@${CAST.tech.id}>`);
  expect(visibleText(both)).toContain(`*QA Lead*: <@${CAST.qa.id}>`);

  await t.command(CAST.rm.id, `role devops <@${CAST.devops.id}>`);
  await t.command(CAST.rm.id, `role po <@${CAST.po.id}>`);
  const done = await cardSaying(t, 'Every role is named');
  expect(visibleText(done)).not.toContain('Next: name');

  // A role taken back: the card asks for it again.
  await t.command(CAST.rm.id, `unrole qa <@${CAST.qa.id}>`);
  const again = await cardSaying(t, 'Next: name the QA Lead');
  expect(again.ts).toBe(first.ts);
  expect(cards(t)).toHaveLength(1);
});
