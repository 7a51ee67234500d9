import { expect, test } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { goThroughSlack } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { pngSize } from '../../helpers/png.ts';

async function showChecklist(t: TestBot, userId: string) {
  const shown = await t.command(userId, 'checklist');
  expect(shown.reply?.response_type).toBe('ephemeral');
  return shown;
}

function tickValue(key: string) {
  return JSON.stringify({ r: 1, k: key });
}

test('a tick by the wrong role is refused with who may tick; nothing is recorded', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const shown = await showChecklist(t, CAST.devops.id);
  expect(shown.visible).toContain('0/10 ticked');
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistTick,
    value: tickValue('tests_passing'),
  });
  const refusal = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.devops.id }).find((e) => e.text.includes('Only the QA Lead')),
  );
  // Since issue 13 quality gates are QA's alone: the Release Manager no longer ticks them either.
  expect(refusal.text).toContain('Only the QA Lead (<@UQA>) can tick “All tests passing”');
  expect(t.fake.openViews(CAST.devops.id)).toEqual([]);
  expect((await showChecklist(t, CAST.rm.id)).visible).toContain('0/10 ticked');
});

test('the owner ticks with an evidence link through the modal; a bad link keeps the modal open', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await showChecklist(t, CAST.qa.id);
  await t.driver.clickButton({
    userId: CAST.qa.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistTick,
    value: tickValue('tests_passing'),
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(CAST.qa.id)[0]);
  const bad = await t.driver.submitView({
    userId: CAST.qa.id,
    viewId: String(modal.id),
    values: { [BLOCK_IDS.evidenceUrl]: { [INPUT_ACTION_ID]: 'ci run 42' } },
  });
  expect(JSON.stringify(bad.ack)).toContain('not a web link');
  expect(t.fake.openViews(CAST.qa.id)).toHaveLength(1);
  const good = await t.driver.submitView({
    userId: CAST.qa.id,
    viewId: String(modal.id),
    values: { [BLOCK_IDS.evidenceUrl]: { [INPUT_ACTION_ID]: 'https://ci.example.com/run/42' } },
  });
  expect(good.ack ?? '').toBe('');
  const refreshed = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.qa.id }).find((e) => visibleText(e).includes('1/10 ticked')),
  );
  expect(visibleText(refreshed)).toContain('Ticked by <@UQA>');
  expect(visibleText(refreshed)).toContain('https://ci.example.com/run/42|evidence');

  // The RM may untick any item; the untick is kept in the history (see the export).
  await showChecklist(t, CAST.rm.id);
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistUntick,
    value: tickValue('tests_passing'),
  });
  await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.rm.id }).find((e) => visibleText(e).includes('0/10 ticked')),
  );
});

test('an override needs the RM and a reason; it is recorded and announced in the channel', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const noReason = await t.command(CAST.rm.id, 'checklist override');
  expect(noReason.visible).toContain('Give the reason');
  const notRm = await t.command(CAST.qa.id, 'checklist override "we are fine"');
  expect(notRm.visible).toContain('Only the Release Manager (<@URM>) can accept Go with checklist items open');

  const posted = await commandPosting(t, CAST.rm.id, 'checklist override "docs follow on Monday; nothing else blocks"');
  expect(posted.visible).toContain('accepted Go on *2.4.0* with 10 checklist items open');
  expect(posted.visible).toContain('docs follow on Monday; nothing else blocks');
  const checklist = await showChecklist(t, CAST.po.id);
  expect(checklist.visible).toContain('accepted for Go by <@URM>');
});

test('a decision by someone without authority is refused and says who decides', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const refused = await t.command(CAST.qa.id, 'decide architecture "split the billing service"');
  expect(refused.reply?.response_type).toBe('ephemeral');
  expect(refused.visible).toContain('Technical architecture decisions: the call is made by the Tech Lead (<@UTECH>)');
  expect(t.fake.messages(CHANNEL).some((m) => m.text.includes('split the billing'))).toBe(false);

  const unknown = await t.command(CAST.tech.id, 'decide lunch pizza');
  expect(unknown.visible).toContain('`lunch` is not a decision area');
});

test('a decision by the deciding role is posted, settles a recorded conflict, and tells the Informed roles in the thread', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const conflict = await commandPosting(
    t,
    CAST.tech.id,
    'conflict deployment-method big-bang on Saturday | blue-green on Tuesday',
  );
  expect(conflict.visible).toContain('*A:* big-bang on Saturday');
  expect(conflict.visible).toContain('the DevOps Engineer (<@UDEVOPS>) decides');

  const posted = await commandPosting(t, CAST.devops.id, 'decide deployment-method blue-green why:"instant rollback"');
  expect(posted.visible).toContain('*Deployment methodology*: blue-green');
  expect(posted.visible).toContain('_because_ instant rollback');
  expect(posted.visible).toContain('settles 1 recorded conflict');
  const thread = await t.fake.waitFor(() => {
    const replies = t.fake.thread(CHANNEL, posted.ts).filter((m) => m.ts !== posted.ts);
    return replies.length > 0 ? replies : undefined;
  });
  expect(thread).toHaveLength(1);
  // Deployment: QA Lead and Product Owner are Informed.
  expect(thread[0]?.text).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');
  expect(thread[0]?.text).not.toContain('<@UDEVOPS>');
});

test('release scope: the PO proposes, the RM agrees with the button, and only then it is decided', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const proposal = await commandPosting(t, CAST.po.id, 'decide scope "drop the CSV export from 2.4.0"');
  expect(proposal.visible).toContain('becomes the decision when the Release Manager (<@URM>) agrees');
  await t.driver.clickButton({
    userId: CAST.po.id,
    channelId: CHANNEL,
    messageTs: proposal.ts,
    actionId: ACTION_IDS.scopeAgree,
  });
  await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.po.id }).find((e) => e.text.includes('You proposed this')),
  );
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: proposal.ts,
    actionId: ACTION_IDS.scopeAgree,
  });
  const agreed = await t.fake.waitFor(() => {
    const m = t.fake.message(CHANNEL, proposal.ts);
    return m && visibleText(m).includes('agreed by <@URM>') ? m : undefined;
  });
  expect(visibleText(agreed)).toContain('drop the CSV export');
});

test('handoffs: sign-off and confirmation by the right roles, in order', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const qaDevops = await commandPosting(t, CAST.qa.id, 'handoff qa-devops');
  expect(qaDevops.visible).toContain('QA Lead provides test results and sign-off');
  const click = (userId: string, ts: string, actionId: string) =>
    t.driver.clickButton({ userId, channelId: CHANNEL, messageTs: ts, actionId });

  await click(CAST.qa.id, qaDevops.ts, ACTION_IDS.handoffSignOff);
  await t.fake.waitFor(() => visibleText(t.fake.message(CHANNEL, qaDevops.ts)).includes('Signed off by <@UQA>'));
  await click(CAST.devops.id, qaDevops.ts, ACTION_IDS.handoffConfirm);
  const blocked = await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.devops.id }).find((e) => e.text.includes('is not confirmed yet')),
  );
  expect(blocked.text).toContain('The Development → QA handoff is not confirmed yet');

  const devQa = await commandPosting(t, CAST.tech.id, 'handoff dev-qa');
  await click(CAST.qa.id, devQa.ts, ACTION_IDS.handoffSignOff);
  await t.fake.waitFor(() =>
    t.fake.ephemerals({ userId: CAST.qa.id }).find((e) => e.text.includes('Only the Tech Lead')),
  );
  await click(CAST.tech.id, devQa.ts, ACTION_IDS.handoffSignOff);
  await t.fake.waitFor(() => visibleText(t.fake.message(CHANNEL, devQa.ts)).includes('Signed off by <@UTECH>'));
  await click(CAST.qa.id, devQa.ts, ACTION_IDS.handoffConfirm);
  await t.fake.waitFor(() => visibleText(t.fake.message(CHANNEL, devQa.ts)).includes('Confirmed by <@UQA>'));
  await click(CAST.devops.id, qaDevops.ts, ACTION_IDS.handoffConfirm);
  await t.fake.waitFor(() => visibleText(t.fake.message(CHANNEL, qaDevops.ts)).includes('Confirmed by <@UDEVOPS>'));
  // Deployment's Informed roles are told once, in the handoff's thread.
  const replies = await t.fake.waitFor(() => {
    const r = t.fake.thread(CHANNEL, qaDevops.ts).filter((m) => m.ts !== qaDevops.ts);
    return r.length > 0 ? r : undefined;
  });
  expect(replies).toHaveLength(1);
  expect(replies[0]?.text).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');
});

test('raci shows the matrix or one row with the current holders', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const row = await t.command(CAST.outsider.id, 'raci deployment');
  expect(row.visible).toContain('*A* Accountable: DevOps Engineer (<@UDEVOPS>)');
  expect(row.visible).toContain('*I* Informed: QA Lead (<@UQA>), Product Owner (<@UPO>)');
  const all = await t.command(CAST.outsider.id, 'raci');
  expect(all.visible).toContain('Post-Release Review');
  expect((await t.command(CAST.outsider.id, 'raci lunch')).visible).toContain('is not an activity');
});

test('from creation through checklist, override, ship and done: metrics and export tell the story', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const empty = await t.command(CAST.rm.id, 'metrics');
  expect(empty.visible).toContain('_No data_: no release was marked done');

  await commandPosting(t, CAST.rm.id, 'checklist override "hotfix window closes tonight"');
  // Shipping needs a Go since issue 13: the setup takes the release through one (the override covers the items).
  await goThroughSlack(t, { tick: false });
  t.clock.advance(60 * 60 * 1000);
  const shipped = await commandPosting(t, CAST.rm.id, 'ship');
  const informed = await t.fake.waitFor(() => t.fake.thread(CHANNEL, shipped.ts).find((m) => m.ts !== shipped.ts));
  expect(informed.text).toContain('<@UQA> (QA Lead), <@UPO> (Product Owner)');
  await commandPosting(t, CAST.rm.id, 'done');

  const metrics = await t.command(CAST.rm.id, 'metrics last:5');
  expect(metrics.visible).toContain('*On-time delivery rate*: 100% (1 of 1)');
  expect(metrics.visible).toContain('*Deployment success rate*: 100% (1 of 1)');
  expect(metrics.visible).toContain('*Checklist overrides*: 1 (in 1 release)');
  // With the Go the setup now needs, this figure has its one sample (it said "No data" when ship needed no Go).
  expect(metrics.visible).toContain('*Mean time to deploy*: 1h on average (1 release)');
  expect(metrics.visible).toContain('*Standup response rate*: _No data_');
  expect(metrics.visible).toContain('A chart of on-time delivery, deployment success and Go → shipped');
  expect((await t.command(CAST.rm.id, 'metrics last:0')).visible).toContain('whole number from 1 to 100');
  // The chart follows by direct message, once, on the next tick; "No data" (no standups) is no chart row at all.
  await t.tick();
  await t.tick();
  const charts = t.fake.files.filter((f) => f.filename.startsWith('release-metrics-'));
  expect(charts).toHaveLength(1);
  const [chart] = charts;
  expect(chart?.channel).toMatch(/^D/);
  expect(t.fake.channel(String(chart?.channel))?.members).toContain(CAST.rm.id);
  const size = pngSize(chart?.bytes ?? Buffer.alloc(0));
  expect(size.width).toBeGreaterThan(600);
  expect(size.height).toBeGreaterThan(400);
  expect(chart?.altText).toContain('2.4.0: on time, deployment succeeded, Go to shipped 1 h');

  const exported = await t.command(CAST.po.id, 'export');
  expect(exported.visible).toContain('Uploaded the record of *2.4.0*');
  const file = t.fake.files.find((f) => f.filename.endsWith('-record.md'));
  expect(file?.filename).toBe('release-2.4.0-record.md');
  expect(file?.channel).toBe(CHANNEL);
  const md = file?.content ?? '';
  expect(md).toContain('# Release 2.4.0');
  expect(md).toContain('| Status | Done |');
  // People by name, with the id in brackets once, in the People table.
  expect(md).toContain('| uqa (UQA) | QA Lead |');
  expect(md).toContain('| urm (URM) | Release Manager |');
  expect(md).toContain('| QA Lead | uqa |');
  expect(md).not.toMatch(/<@U/);
  expect(md.split('(UQA)').length - 1).toBe(1);
  // Times in the release's zone, named.
  expect(md).toContain('Times are in Europe/Berlin');
  expect(md).toMatch(/\| Created \| 2026-11-23 \d\d:\d\d UTC\+01:00 by urm \|/);
  expect(md).toContain(
    '**Checklist override (Go with open items)**: Go accepted with 10 open: All PRs merged and reviewed, All tests passing',
  );
  expect(md).toContain('0 of 10 items ticked.');
  expect(md).toContain('| Development → QA | not yet | not yet |');
  expect(md).toContain('because: hotfix window closes tonight (by urm)');
  // The audit log as a timeline table: when, who (a name), what (in words).
  const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('## Appendix'));
  expect(timeline).toContain('| When (Europe/Berlin) | Who | What |');
  expect(timeline).toMatch(/\| 2026-11-23 \d\d:\d\d UTC\+01:00 \| urm \| release status changed · ship/);
  expect(timeline).toContain('| urm | checklist override');
  const rows = timeline.split('\n').filter((l) => /^\| 20/.test(l));
  expect(rows.length).toBeGreaterThan(5);
  for (const row of rows) expect(row, row).not.toMatch(/\bU(RM|QA|PO|TECH|DEVOPS)\b/);
  // The machine-readable log as a fenced JSON appendix that parses.
  const fenced = /## Appendix: machine-readable audit log[\s\S]*?(`{3,})json\n([\s\S]*?)\n\1/.exec(md);
  const appendix = JSON.parse(fenced?.[2] ?? 'null') as {
    people: Array<{ id: string; name: string }>;
    audit: Array<{ actorId: string; action: string; at: string }>;
  };
  expect(appendix.people).toContainEqual({ id: 'URM', name: 'urm' });
  expect(appendix.audit.map((e) => e.action)).toContain('checklist.override');
  expect(appendix.audit).toHaveLength(rows.length);
  expect(appendix.audit.find((e) => e.action === 'release.status_changed')?.actorId).toBe('URM');
}, 60_000);
