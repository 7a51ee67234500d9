import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { ACTION_IDS, CALLBACK_IDS, INPUT_ACTION_ID, rolePickerBlockId } from '../../../src/core/ids.ts';
import { startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const createdMessages = (t: TestBot): FakeMessage[] =>
  t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Release 2.4.0 created'));
const rolesMessages = (t: TestBot) => t.fake.messages(CHANNEL).filter((m) => m.text.includes(' set the roles on '));

/** The one "created" message, once it says `words`. */
async function createdSaying(t: TestBot, words: string): Promise<FakeMessage> {
  return t.fake.waitFor(() => {
    const all = createdMessages(t);
    return all.length === 1 && visibleText(all[0]).includes(words) ? all[0] : undefined;
  });
}

function buttons(message: FakeMessage): string[] {
  return (message.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.action_id ?? '');
}

function timerKinds(t: TestBot): string[] {
  const db = new Database(t.databasePath, { readonly: true });
  try {
    return (db.prepare('select kind from timers').all() as Array<{ kind: string }>).map((r) => r.kind);
  } finally {
    db.close();
  }
}

const picks = (chosen: Record<string, string | string[]>) =>
  Object.fromEntries(
    Object.entries(chosen).map(([role, value]) => [rolePickerBlockId(role), { [INPUT_ACTION_ID]: value }]),
  );

async function openRolesFromButton(t: TestBot, userId: string, message: FakeMessage) {
  const before = t.fake.openViews(userId).length;
  const value = releaseIdOn(message);
  await t.driver.clickButton({
    userId,
    channelId: CHANNEL,
    messageTs: message.ts,
    actionId: ACTION_IDS.rolesOpen,
    value,
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(userId).length > before && t.fake.openViews(userId).at(-1));
  expect(view.callback_id).toBe(CALLBACK_IDS.assignRoles);
  return view as { id: string };
}

function releaseIdOn(message: FakeMessage): string {
  const blocks = message.blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
  const value = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.rolesOpen)?.value;
  if (!value) throw new Error('the message has no "Assign roles" button');
  return value;
}

test('the "created" message is kept true as roles are named: same message, the next step and buttons follow', async () => {
  const t = await startTestBot();
  const created = await t.command(CAST.outsider.id, 'create 2.4.0 target:2026-12-10 window:2026-12-01..2026-12-12');
  expect(created.reply?.response_type).toBe('in_channel');
  const first = await createdSaying(t, 'name the Release Manager');
  expect(visibleText(first)).toContain('*Release Manager*: _not named yet_');
  expect(buttons(first)).toEqual([ACTION_IDS.rolesOpen]);

  // The RM is named: the same message (same ts), updated in place, asks for the other roles instead.
  await t.command(CAST.outsider.id, `role rm <@${CAST.rm.id}>`);
  const afterRm = await createdSaying(t, 'name the Tech Lead, QA Lead, DevOps Engineer, Product Owner');
  expect(afterRm.ts).toBe(first.ts);
  expect(afterRm.updates).toBeGreaterThan(0);
  expect(visibleText(afterRm)).not.toContain('name the Release Manager');
  expect(visibleText(afterRm)).toContain(`*Release Manager*: <@${CAST.rm.id}>`);
  expect(buttons(afterRm)).toEqual([ACTION_IDS.rolesOpen]);

  // The "Assign roles" button opens the roles form; saving it names the other four at once.
  const view = await openRolesFromButton(t, CAST.rm.id, afterRm);
  const sent = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: view.id,
    values: picks({
      tech_lead: [CAST.tech.id],
      qa_lead: [CAST.qa.id],
      devops: [CAST.devops.id],
      product_owner: [CAST.po.id],
    }),
  });
  expect(sent.ack).toBeFalsy();
  const staffed = await createdSaying(t, 'every role is named');
  expect(staffed.ts).toBe(first.ts);
  const text = visibleText(staffed);
  for (const [label, who] of [
    ['Release Manager', CAST.rm.id],
    ['Tech Lead', CAST.tech.id],
    ['QA Lead', CAST.qa.id],
    ['DevOps Engineer', CAST.devops.id],
    ['Product Owner', CAST.po.id],
  ]) {
    expect(text).toContain(`*${label}*: <@${who}>`);
  }
  expect(text).not.toContain('not named yet');
  expect(text).toContain('Configure the standup');
  // The button that no longer applies is gone; the next steps have theirs.
  expect(buttons(staffed)).toEqual([ACTION_IDS.standupConfigure, ACTION_IDS.pollOpenGoNoGo]);

  // A role taken back: the message asks for it again.
  await t.command(CAST.rm.id, `unrole qa <@${CAST.qa.id}>`);
  const again = await createdSaying(t, 'name the QA Lead:');
  expect(again.ts).toBe(first.ts);
  expect(buttons(again)).toEqual([ACTION_IDS.rolesOpen]);

  // After a restart (another process, nothing in memory) the message is still found and kept true.
  await t.restart();
  await t.command(CAST.rm.id, `role qa <@${CAST.outsider.id}>`);
  const afterRestart = await createdSaying(t, 'every role is named');
  expect(afterRestart.ts).toBe(first.ts);
  expect(visibleText(afterRestart)).toContain(`*QA Lead*: <@${CAST.outsider.id}>`);

  // Never a second message, and no timer: every render went through at once.
  expect(createdMessages(t)).toHaveLength(1);
  expect(timerKinds(t).filter((k) => k.startsWith('release.'))).toEqual([]);
  expect(t.log.filter((line) => line.includes('"created" message'))).toEqual([]);
});

test('two role changes at once both show on the message, and an unchanged state is not sent again', async () => {
  const t = await startTestBot();
  await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`);
  await createdSaying(t, 'name the Tech Lead');
  await Promise.all([
    t.command(CAST.rm.id, `role tech-lead <@${CAST.tech.id}>`),
    t.command(CAST.rm.id, `role qa <@${CAST.qa.id}>`),
  ]);
  const both = await createdSaying(t, 'name the DevOps Engineer, Product Owner');
  expect(visibleText(both)).toContain(`*Tech Lead*: <@${CAST.tech.id}>`);
  expect(visibleText(both)).toContain(`*QA Lead*: <@${CAST.qa.id}>`);
  const updates = both.updates;
  // Naming someone who already holds the role changes nothing: no update is sent.
  const same = await t.command(CAST.rm.id, `role qa <@${CAST.qa.id}>`);
  expect(same.visible).toContain('already holds');
  expect(createdMessages(t)[0]?.updates).toBe(updates);
});

test('a release created through the form is kept true the same way; a re-submission pings only who changed', async () => {
  const t = await startTestBot();
  const sent = await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create' });
  expect(sent.status).toBe(200);
  const form = (await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1))) as { id: string };
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: form.id,
    values: {
      release_name: { [INPUT_ACTION_ID]: '2.4.0' },
      target_date: { [INPUT_ACTION_ID]: '2026-12-10' },
    },
  });
  const first = await createdSaying(t, 'name the Release Manager');

  const roles = await openRolesFromButton(t, CAST.rm.id, first);
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: roles.id,
    values: picks({
      rm: CAST.rm.id,
      tech_lead: [CAST.tech.id],
      qa_lead: [CAST.qa.id],
      devops: [CAST.devops.id],
      product_owner: [CAST.po.id],
    }),
  });
  const staffed = await createdSaying(t, 'every role is named');
  expect(staffed.ts).toBe(first.ts);
  const firstRoles = await t.fake.waitFor(() => rolesMessages(t).at(-1));
  for (const who of [CAST.rm, CAST.tech, CAST.qa, CAST.devops, CAST.po])
    expect(firstRoles.text).toContain(`<@${who.id}>`);

  // Only QA changes: the new QA is pinged and the one taken off is told; everyone else is named, not pinged.
  // The button is gone once every role is named: the command opens the same form.
  const before = t.fake.openViews(CAST.rm.id).length;
  await t.driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'roles' });
  const again = (await t.fake.waitFor(
    () => t.fake.openViews(CAST.rm.id).length > before && t.fake.openViews(CAST.rm.id).at(-1),
  )) as { id: string };
  await t.driver.submitView({ userId: CAST.rm.id, viewId: again.id, values: picks({ qa_lead: [CAST.outsider.id] }) });
  const second = await t.fake.waitFor(() => rolesMessages(t).length === 2 && rolesMessages(t).at(-1));
  const mentioned = [...second.text.matchAll(/<@([A-Z0-9]+)>/g)].map((m) => m[1]);
  expect(new Set(mentioned)).toEqual(new Set([CAST.rm.id, CAST.outsider.id, CAST.qa.id]));
  // The RM is mentioned once, as the one who saved the form; as a holder they are named.
  expect(second.text).toContain(`<@${CAST.rm.id}> set the roles on *2.4.0*`);
  expect(second.text).toContain(`*Release Manager*: ${CAST.rm.name}`);
  expect(second.text).toContain(`*Tech Lead*: ${CAST.tech.name}`);
  expect(second.text).toContain(`*QA Lead*: <@${CAST.outsider.id}> (new; no longer: <@${CAST.qa.id}>)`);
  const final = await createdSaying(t, `*QA Lead*: <@${CAST.outsider.id}>`);
  expect(final.ts).toBe(first.ts);
  expect(createdMessages(t)).toHaveLength(1);
});
