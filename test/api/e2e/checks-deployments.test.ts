import { expect, test } from 'vitest';
import { CheckAnswerJson, DeploymentAnswerJson, ProblemJson, ReleaseJson } from '../../../src/api/http/schemas.ts';
import { ACTION_IDS } from '../../../src/core/ids.ts';
import { callApi, createTokenThroughSlack } from '../../helpers/api.ts';
import { commandPosting } from '../../helpers/channel-posts.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { tickWholeChecklist } from '../../helpers/factories.ts';
import { goThroughSlack } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

const CHECKS = '/api/v1/releases/current/checks';
const DEPLOYMENTS = '/api/v1/releases/current/deployments';

async function staffedWithToken() {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t);
  return { t, token };
}

function newTopLevel(t: TestBot, before: number) {
  return t.fake
    .messages(CHANNEL)
    .slice(before)
    .filter((m) => !m.threadTs || m.threadTs === m.ts);
}

test('a passed check ticks its item with the link as CI; a failed one unticks it with one line, and the Go goes stale', async () => {
  const { t, token } = await staffedWithToken();
  const url = 'https://ci.example.com/acme/shop/runs/4211';
  const passed = await callApi(t, 'POST', CHECKS, {
    token,
    body: { item: 'tests_passing', status: 'passed', url, summary: '1,204 tests passed' },
  });
  expect(passed.status).toBe(200);
  expect(CheckAnswerJson.parse(passed.body)).toMatchObject({
    changed: true,
    item: {
      key: 'tests_passing',
      ticked: true,
      evidence_url: url,
      ticked_by: { id: 'ci:github-actions', name: 'CI (github-actions)' },
    },
  });
  const checklist = await t.command(CAST.qa.id, 'checklist');
  expect(checklist.visible).toContain('Ticked by CI (github-actions)');
  expect(checklist.visible).toContain(`<${url}|evidence>`);
  // The same check again changes nothing and posts nothing.
  const before = t.fake.messages(CHANNEL).length;
  const repeat = await callApi(t, 'POST', CHECKS, { token, body: { item: 'tests_passing', status: 'passed', url } });
  expect(repeat.body).toMatchObject({ changed: false });
  expect(t.fake.messages(CHANNEL)).toHaveLength(before);

  await tickWholeChecklist(t.bot.deps, 1);
  const poll = await goThroughSlack(t, { tick: false });
  expect((await callApi(t, 'GET', '/api/v1/releases/current/gate', { token })).status).toBe(200);

  t.clock.advance(30 * 60_000);
  const posted = t.fake.messages(CHANNEL).length;
  const failedUrl = 'https://ci.example.com/acme/shop/runs/4212';
  const failed = await callApi(t, 'POST', CHECKS, {
    token,
    body: { item: 'tests_passing', status: 'failed', url: failedUrl, summary: '3 tests failed in checkout' },
  });
  expect(failed.status).toBe(200);
  expect(failed.body).toMatchObject({ changed: true, item: { ticked: false, ticked_by: null }, gate: 'pending' });
  const lines = await t.fake.waitFor(() => {
    const fresh = newTopLevel(t, posted);
    return fresh.length > 0 && fresh;
  });
  expect(lines).toHaveLength(1);
  expect(lines[0]?.text).toContain('CI (github-actions) reported *All tests passing* failed on *2.4.0*');
  expect(lines[0]?.text).toContain('“3 tests failed in checkout”');
  expect(lines[0]?.text).toContain(`<${failedUrl}|the run>`);
  expect(lines[0]?.text).toContain('The Go now needs the Release Manager’s re-confirmation.');
  // The Go is stale: the gate says so, and the Go's poll shows it.
  const gate = ProblemJson.parse((await callApi(t, 'GET', '/api/v1/releases/current/gate', { token })).body);
  expect((gate.reasons as Array<{ code: string; detail: string }>).map((r) => r.code)).toEqual([
    'needs_reconfirmation',
    'open_items',
  ]);
  expect(gate.detail).toContain('“All tests passing” was unticked by CI (github-actions)');
  await t.bot.idle(3000);
  const goPoll = await t.fake.waitFor(() => {
    const m = t.fake.message(CHANNEL, poll.ts);
    return m && visibleText(m).includes('needs re-confirmation') && m;
  });
  expect(visibleText(goPoll)).toContain('unticked by CI (github-actions)');
  // The untick's history keeps the failed run's link.
  const history = await t.bot.store.governance.checklistHistory(1);
  expect(
    history.filter((h) => h.key === 'tests_passing').map((h) => [h.action, h.actorId, h.evidenceUrl]),
  ).toContainEqual(['untick', 'ci:github-actions', failedUrl]);
  // A failed check on an item already open posts nothing more.
  const quiet = t.fake.messages(CHANNEL).length;
  const again = await callApi(t, 'POST', CHECKS, {
    token,
    body: { item: 'tests_passing', status: 'failed', url: failedUrl },
  });
  expect(again.body).toMatchObject({ changed: false });
  expect(newTopLevel(t, quiet)).toEqual([]);
});

test('a production deployment is refused by a closed gate (recorded, announced as blocked), then one ships the release', async () => {
  const { t, token } = await staffedWithToken();
  // No Go yet: the gate is pending.
  const before = t.fake.messages(CHANNEL).length;
  const refused = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'started', version: 'v2.4.0', url: 'https://ci.example.com/d/76' },
  });
  expect(refused.status).toBe(409);
  const problem = ProblemJson.parse(refused.body);
  expect(problem).toMatchObject({ type: 'urn:release-bot:problem:deployment-blocked', gate: 'pending' });
  expect(problem.detail).toContain('The deployment gate of release 2.4.0 is pending: No Go decision yet');
  expect(problem.detail).toContain('The attempt is recorded and announced in the release channel.');
  const blocked = await t.fake.waitFor(() => newTopLevel(t, before).find((m) => m.text.startsWith('Blocked')));
  expect(visibleText(blocked)).toContain('CI (github-actions) tried to deploy *2.4.0* v2.4.0 to *production*');
  expect(visibleText(blocked)).toContain('the deployment gate is *pending*');

  // A No-Go closes it; the attempt is refused again, now as closed.
  await tickWholeChecklist(t.bot.deps, 1);
  const noGoPoll = await commandPosting(t, CAST.rm.id, 'gonogo');
  const pollId = Number(/"value":"(\d+)"/.exec(JSON.stringify(noGoPoll.blocks.at(-1)))?.[1]);
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: noGoPoll.ts,
    actionId: ACTION_IDS.pollDecideNoGo,
    value: String(pollId),
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  await t.driver.submitView({ userId: CAST.rm.id, viewId: String(view.id), values: {} });
  await t.bot.idle(3000);
  const closed = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'started', version: 'v2.4.0' },
  });
  expect(closed.status).toBe(409);
  expect(closed.body).toMatchObject({ gate: 'closed' });
  expect((closed.body as { detail: string }).detail).toContain('A No-Go is in force (decided by urm');
  const release = ReleaseJson.parse((await callApi(t, 'GET', '/api/v1/releases/current', { token })).body);
  expect(release.deployments.map((d) => [d.outcome, d.blocked_by])).toEqual([
    ['blocked', ['no_go_yet', 'open_items']],
    ['blocked', ['no_go']],
  ]);
  expect(release.status).toBe('planning');
  expect((await t.command(CAST.po.id, 'status')).visible).toContain('2 attempts blocked by the gate');

  // A Go: the start is admitted, the success ships the release.
  await goThroughSlack(t, { tick: false });
  const start = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'started', version: 'v2.4.0' },
  });
  expect(start.status).toBe(201);
  expect(DeploymentAnswerJson.parse(start.body)).toMatchObject({ deployment: { outcome: 'admitted' }, gate: 'open' });
  t.clock.advance(12 * 60_000);
  const shippedAt = t.fake.messages(CHANNEL).length;
  const success = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'succeeded', version: 'v2.4.0', url: 'https://ci.example.com/d/77' },
  });
  expect(success.status).toBe(201);
  expect(DeploymentAnswerJson.parse(success.body)).toMatchObject({
    release: { name: '2.4.0', status: 'shipped' },
    deployment: { outcome: 'shipped', reported_by: { id: 'ci:github-actions', name: 'CI (github-actions)' } },
  });
  expect((await t.bot.store.releases.findById(1))?.status).toBe('shipped');
  const shipped = await t.fake.waitFor(() => newTopLevel(t, shippedAt).find((m) => m.text.includes('was shipped')));
  expect(shipped.text).toContain('*2.4.0* was shipped by CI (github-actions)');
  expect(shipped.text).toContain('through the deployment gate on the Go by <@URM>');
  expect(shipped.text).toContain('v2.4.0 to *production*');
  // The Informed roles of deployment hear of it in its thread, as with /release ship.
  await t.fake.waitFor(() => t.fake.thread(CHANNEL, shipped.ts).some((m) => m.ts !== shipped.ts));
  const audit = await t.bot.store.audit.forRelease(1);
  expect(audit.filter((a) => a.action === 'release.status_changed').at(-1)).toMatchObject({
    actorId: 'ci:github-actions',
    subject: 'ship',
  });
  // A second success on a shipped release is only recorded.
  const twice = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'succeeded' },
  });
  expect(twice.body).toMatchObject({ deployment: { outcome: 'recorded' } });

  // The metrics read the deployment events once the release is done.
  await commandPosting(t, CAST.rm.id, 'done');
  const metrics = await t.command(CAST.rm.id, 'metrics');
  expect(metrics.visible).toContain('*Deployment success rate*: 100% (2 of 2)');
  expect(metrics.visible).toContain('From deployment events: production deployments the pipeline reported');
  expect(metrics.visible).toContain('*Mean time to deploy*: 12m on average (1 deployment)');
  expect(metrics.visible).toContain('From deployment events: mean time from a production deployment');
});

test('a failed production deployment offers the rollback poll; rolled_back marks the release rolled back', async () => {
  const { t, token } = await staffedWithToken();
  await tickWholeChecklist(t.bot.deps, 1);
  await goThroughSlack(t, { tick: false });
  for (const status of ['started', 'succeeded'] as const) {
    await callApi(t, 'POST', DEPLOYMENTS, { token, body: { environment: 'production', status, version: 'v2.4.0' } });
  }
  const before = t.fake.messages(CHANNEL).length;
  const failed = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'failed', version: 'v2.4.1', url: 'https://ci.example.com/d/78' },
  });
  expect(failed.status).toBe(201);
  const message = await t.fake.waitFor(() => newTopLevel(t, before).find((m) => m.text.includes('failed')));
  expect(visibleText(message)).toContain('*Deployment failed:* *2.4.0* v2.4.1 to *production*');
  // Someone who may not open it is told who may; DevOps opens it.
  await t.driver.clickButton({
    userId: CAST.po.id,
    channelId: CHANNEL,
    messageTs: message.ts,
    actionId: ACTION_IDS.pipelineOpenRollback,
    value: '1',
  });
  await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.po.id }).find((e) => e.text.includes('Only the')));
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    messageTs: message.ts,
    actionId: ACTION_IDS.pipelineOpenRollback,
    value: '1',
  });
  await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Rollback')));
  expect(await t.bot.store.polls.findOpen(1, 'rollback')).toMatchObject({ openedBy: CAST.devops.id });

  const rolledBack = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'production', status: 'rolled_back', version: 'v2.3.9' },
  });
  expect(rolledBack.body).toMatchObject({ release: { status: 'rolled_back' }, deployment: { outcome: 'rolled_back' } });
  await t.fake.waitFor(() =>
    t.fake.messages(CHANNEL).find((m) => m.text.includes('*2.4.0* was rolled back by CI (github-actions)')),
  );
  // The release has ended: later reports are refused (409) and recorded nowhere.
  const late = await callApi(t, 'POST', '/api/v1/releases/2.4.0/deployments', {
    token,
    body: { environment: 'production', status: 'started' },
  });
  expect(late.status).toBe(409);
  expect((late.body as { detail: string }).detail).toContain('Release 2.4.0 has ended (rolled back)');
});

test('other environments are recorded and shown, and change nothing', async () => {
  const { t, token } = await staffedWithToken();
  const before = t.fake.messages(CHANNEL).length;
  const staging = await callApi(t, 'POST', DEPLOYMENTS, {
    token,
    body: { environment: 'Staging', status: 'succeeded', version: 'v2.4.0-rc.1' },
  });
  expect(staging.status).toBe(201);
  expect(staging.body).toMatchObject({
    deployment: { environment: 'staging', outcome: 'recorded' },
    release: { status: 'planning' },
    gate: null,
  });
  expect(newTopLevel(t, before)).toEqual([]);
  const status = await t.command(CAST.po.id, 'status');
  expect(status.visible).toContain('*Deployments* of *2.4.0*');
  expect(status.visible).toContain('*staging*: v2.4.0-rc.1 succeeded');
  expect((await t.bot.store.releases.findById(1))?.status).toBe('planning');
});
