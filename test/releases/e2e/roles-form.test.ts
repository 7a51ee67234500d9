import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { CALLBACK_IDS, INPUT_ACTION_ID, rolePickerBlockId } from '../../../src/core/ids.ts';
import { createStaffedRelease, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

/** The form's channel messages (the "created" message, kept true as the roles change, is not one). */
const rolesMessages = (t: TestBot) => t.fake.messages(CHANNEL).filter((m) => m.text.includes(' set the roles on '));

type Picks = Partial<Record<'rm' | 'tech_lead' | 'qa_lead' | 'devops' | 'product_owner', string | string[] | null>>;

const picks = (chosen: Picks) =>
  Object.fromEntries(
    Object.entries(chosen).map(([role, value]) => [rolePickerBlockId(role), { [INPUT_ACTION_ID]: value }]),
  );

async function openRolesForm(t: TestBot, userId: string) {
  const before = t.fake.openViews(userId).length;
  const sent = await t.driver.command({ userId, channelId: CHANNEL, text: 'roles' });
  expect(sent.status).toBe(200);
  const view = await t.fake.waitFor(() => t.fake.openViews(userId).length > before && t.fake.openViews(userId).at(-1));
  expect(view.callback_id).toBe(CALLBACK_IDS.assignRoles);
  return view as { id: string; blocks: Array<{ block_id?: string; element?: Record<string, unknown> }> };
}

function auditActions(t: TestBot): string[] {
  const db = new Database(t.databasePath, { readonly: true });
  try {
    const rows = db.prepare("select action, subject from audit_log where action like 'role.%' order by id").all();
    return (rows as Array<{ action: string; subject: string }>).map((r) => `${r.action} ${r.subject}`);
  } finally {
    db.close();
  }
}

test('/release roles assigns all five roles in one submission and posts exactly one message listing them', async () => {
  const t = await startTestBot();
  await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  const view = await openRolesForm(t, CAST.outsider.id);
  const posted = rolesMessages(t).length;

  const sent = await t.driver.submitView({
    userId: CAST.outsider.id,
    viewId: view.id,
    values: picks({
      rm: CAST.rm.id,
      tech_lead: [CAST.tech.id],
      qa_lead: [CAST.qa.id, CAST.outsider.id],
      devops: [CAST.bot.id],
      product_owner: [CAST.po.id],
    }),
  });
  expect(sent.ack).toBeFalsy();
  expect(t.fake.isViewOpen(view.id)).toBe(false);
  const message = await t.fake.waitFor(() => rolesMessages(t).length > posted && rolesMessages(t).at(-1));
  expect(message.text).toContain(`<@${CAST.outsider.id}> set the roles on *2.4.0*`);
  expect(message.text).toContain(`*Release Manager*: <@${CAST.rm.id}> (new)`);
  expect(message.text).toContain(`*Tech Lead*: <@${CAST.tech.id}> (new)`);
  expect(message.text).toContain(`*QA Lead*: <@${CAST.qa.id}>, <@${CAST.outsider.id}>`);
  expect(message.text).toContain(`*DevOps Engineer*: <@${CAST.bot.id}>`);
  expect(message.text).toContain(`*Product Owner*: <@${CAST.po.id}>`);
  expect(auditActions(t)).toEqual([
    `role.assigned rm:${CAST.rm.id}`,
    `role.assigned tech_lead:${CAST.tech.id}`,
    `role.assigned qa_lead:${CAST.qa.id}`,
    `role.assigned qa_lead:${CAST.outsider.id}`,
    `role.assigned devops:${CAST.bot.id}`,
    `role.assigned product_owner:${CAST.po.id}`,
  ]);
  const status = await t.command(CAST.po.id, 'status');
  expect(status.visible).toContain(`*QA Lead*: <@${CAST.qa.id}>, <@${CAST.outsider.id}>`);

  // Slack redelivering the same submission (or a double click on Save) posts nothing more and writes nothing more.
  const replay = await t.driver.sendInteraction(sent.payload);
  expect(replay.status).toBe(200);
  // Whatever a wrongly admitted replay did would follow its ack: give it the time a post takes.
  await t.fake.waitFor(() => rolesMessages(t).length > posted + 1, { timeoutMs: 500 }).catch(() => undefined);
  expect(rolesMessages(t).length).toBe(posted + 1);
  expect(auditActions(t)).toHaveLength(6);
});

test('the form starts with the holders; the RM empties one picker and changes another: one message, audited', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const view = await openRolesForm(t, CAST.rm.id);
  const element = (role: string) => view.blocks.find((b) => b.block_id === rolePickerBlockId(role))?.element;
  expect(element('rm')).toMatchObject({ type: 'users_select', initial_user: CAST.rm.id });
  expect(element('qa_lead')).toMatchObject({ type: 'multi_users_select', initial_users: [CAST.qa.id] });
  const posted = rolesMessages(t).length;
  const audited = auditActions(t).length;

  // Only QA and Tech Lead are touched; the other pickers are submitted as prefilled.
  const sent = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: view.id,
    values: picks({ qa_lead: [], tech_lead: [CAST.outsider.id] }),
  });
  expect(sent.ack).toBeFalsy();
  const message = await t.fake.waitFor(() => rolesMessages(t).length > posted && rolesMessages(t).at(-1));
  expect(message.text).toContain(`*QA Lead*: _unassigned_ (no longer: <@${CAST.qa.id}>)`);
  expect(message.text).toContain(`*Tech Lead*: <@${CAST.outsider.id}> (new; no longer: <@${CAST.tech.id}>)`);
  // Unchanged holders are named, not pinged: only the people whose roles changed get a mention.
  expect(message.text).toContain(`*Release Manager*: ${CAST.rm.name}\n`);
  expect(message.text).toContain(`*Product Owner*: ${CAST.po.name}`);
  expect(message.text).not.toContain(`<@${CAST.po.id}>`);
  expect(auditActions(t).slice(audited)).toEqual([
    `role.unassigned tech_lead:${CAST.tech.id}`,
    `role.assigned tech_lead:${CAST.outsider.id}`,
    `role.unassigned qa_lead:${CAST.qa.id}`,
  ]);
  expect(rolesMessages(t).length).toBe(posted + 1);
});

test('a bot as Release Manager is refused under the RM picker, and nothing of the form is written', async () => {
  const t = await startTestBot();
  await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  const view = await openRolesForm(t, CAST.rm.id);
  const posted = rolesMessages(t).length;

  const sent = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: view.id,
    values: picks({ rm: CAST.bot.id, tech_lead: [CAST.tech.id], qa_lead: [CAST.qa.id] }),
  });
  expect(sent.ack).toMatchObject({
    response_action: 'errors',
    errors: { [rolePickerBlockId('rm')]: expect.stringContaining('is a bot; the Release Manager must be a person') },
  });
  expect(Object.keys((sent.ack as { errors: object }).errors)).toEqual([rolePickerBlockId('rm')]);
  expect(JSON.stringify(sent.ack)).not.toContain('<@');
  expect(t.fake.isViewOpen(view.id)).toBe(true);
  expect(auditActions(t)).toEqual([]);
  const status = await t.command(CAST.rm.id, 'status');
  expect(status.visible).toContain('*Tech Lead*: _unassigned_');
  expect(rolesMessages(t).length).toBe(posted);

  // The refusal gave the submission back: corrected, the same form saves.
  const fixed = await t.driver.submitView({ userId: CAST.rm.id, viewId: view.id, values: picks({ rm: CAST.rm.id }) });
  expect(fixed.ack).toBeFalsy();
  await t.fake.waitFor(() => rolesMessages(t).length > posted);
  expect(auditActions(t)).toEqual([
    `role.assigned rm:${CAST.rm.id}`,
    `role.assigned tech_lead:${CAST.tech.id}`,
    `role.assigned qa_lead:${CAST.qa.id}`,
  ]);
});

test('someone who is not the RM gets no form; an RM who handed over while the form was open is refused', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const audited = auditActions(t).length;

  const denied = await t.command(CAST.qa.id, 'roles');
  expect(denied.reply?.response_type).toBe('ephemeral');
  expect(denied.visible).toContain(`Only the Release Manager (<@${CAST.rm.id}>) can change roles`);
  expect(t.fake.openViews(CAST.qa.id)).toEqual([]);

  const view = await openRolesForm(t, CAST.rm.id);
  await t.command(CAST.rm.id, `role rm <@${CAST.tech.id}>`);
  const posted = rolesMessages(t).length;
  const sent = await t.driver.submitView({ userId: CAST.rm.id, viewId: view.id, values: picks({ rm: CAST.rm.id }) });
  expect(sent.ack).toMatchObject({
    response_action: 'errors',
    errors: { [rolePickerBlockId('rm')]: expect.stringContaining('Only the Release Manager') },
  });
  expect(auditActions(t)).toHaveLength(audited + 1); // only the handover by `role rm`
  expect(rolesMessages(t).length).toBe(posted);
});

test('help lists `/release roles` and explains it; `roles` with words after it says it opens a form', async () => {
  const t = await startTestBot();
  expect((await t.command(CAST.outsider.id, 'help')).visible).toContain('/release roles');
  expect((await t.command(CAST.outsider.id, 'help roles')).visible).toContain('Set all five roles in one form');
  await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  const extra = await t.command(CAST.rm.id, `roles qa <@${CAST.qa.id}>`);
  expect(extra.reply?.response_type).toBe('ephemeral');
  expect(extra.visible).toContain('opens a form');
  expect(t.fake.openViews(CAST.rm.id)).toEqual([]);
});

test('without an RM anyone fills the form, but a person removed from a picker keeps the role; a deactivated pick is refused', async () => {
  const t = await startTestBot();
  await t.command(CAST.rm.id, 'create 2.4.0 target:2026-12-10');
  await t.command(CAST.outsider.id, `role qa <@${CAST.qa.id}>`);
  const view = await openRolesForm(t, CAST.outsider.id);
  const audited = auditActions(t).length;
  const posted = rolesMessages(t).length;

  const refused = await t.driver.submitView({
    userId: CAST.outsider.id,
    viewId: view.id,
    values: picks({ rm: CAST.rm.id, devops: [CAST.gone.id] }),
  });
  expect(refused.ack).toMatchObject({
    response_action: 'errors',
    errors: { [rolePickerBlockId('devops')]: expect.stringContaining('is a deactivated account') },
  });
  expect(auditActions(t)).toHaveLength(audited);

  const sent = await t.driver.submitView({
    userId: CAST.outsider.id,
    viewId: view.id,
    values: picks({ rm: CAST.rm.id, devops: [], qa_lead: [] }),
  });
  expect(sent.ack).toBeFalsy();
  const message = await t.fake.waitFor(() => rolesMessages(t).length > posted && rolesMessages(t).at(-1));
  expect(message.text).toContain(
    `*QA Lead*: ${CAST.qa.name} (kept: ${CAST.qa.name}, as only the Release Manager takes roles back)`,
  );
  expect(auditActions(t).slice(audited)).toEqual([`role.assigned rm:${CAST.rm.id}`]);
});
