import { expect, test } from 'vitest';
import type { Release } from '../../../src/core/domain/release.ts';
import { ACTION_IDS } from '../../../src/core/ids.ts';
import { untickChecklistItem } from '../../../src/governance/index.ts';
import { decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../../src/polls/usecases/open-poll.ts';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { decideGo } from '../../helpers/gate.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import {
  deliver,
  examplePayload,
  githubSignature,
  linkRepo,
  newDeliveryId,
  REPO,
  WEBHOOK_SECRET,
} from '../github-helpers.ts';

async function linkedBot(link = `github ${REPO}`) {
  const t = await startTestBot({ env: { GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET } });
  await createStaffedRelease(t);
  await linkRepo(t, link);
  return t;
}

const release = async (t: TestBot) => (await t.bot.store.releases.findById(1)) as Release;
const item = async (t: TestBot, key: string) => (await t.bot.store.governance.checklist(1)).find((i) => i.key === key);

/** The bot's messages in the channel since `before`: top-level ones and the replies in threads. */
function since(t: TestBot, before: number) {
  const all = t.fake.messages(CHANNEL).slice(before);
  return {
    all,
    topLevel: all.filter((m) => !m.threadTs || m.threadTs === m.ts),
    replies: all.filter((m) => m.threadTs && m.threadTs !== m.ts),
  };
}

/** The thread of the release's GitHub lines (its parent, posted once per release). */
function githubThread(t: TestBot) {
  const parent = t.fake.messages(CHANNEL).find((m) => visibleText(m).includes('*GitHub* for *2.4.0*'));
  return parent ? t.fake.thread(CHANNEL, parent.ts).filter((m) => m.ts !== parent.ts) : [];
}

async function noGo(t: TestBot) {
  const opened = await openPoll(t.bot.deps, {
    release: await release(t),
    actorId: CAST.rm.id,
    activity: 'go_no_go',
    deadlineMs: undefined,
  });
  if (!opened.ok) throw new Error(opened.message);
  const decided = await decidePoll(t.bot.deps, { pollId: opened.poll.id, deciderId: CAST.rm.id, side: 'no_go' });
  if (!decided.ok) throw new Error(decided.message);
}

/** A real deployment_status payload, its state and environment set as GitHub would send them for another state. */
function deploymentStatus(state: string, environment = 'production', deploymentId?: number) {
  const payload = examplePayload('deployment_status', (p) => p.deployment_status.state === 'in_progress');
  payload.deployment_status.state = state;
  payload.deployment_status.environment = environment;
  payload.deployment.environment = environment;
  if (deploymentId !== undefined) payload.deployment.id = deploymentId;
  return payload;
}

test('ping: 200, and "GitHub connected for <repo>" once in the channel however often GitHub pings', async () => {
  const t = await linkedBot();
  const before = t.fake.messages(CHANNEL).length;
  const ping = examplePayload('ping', (p) => p.hook?.type === 'Repository');
  const first = await deliver(t, 'ping', ping);
  expect(first).toMatchObject({ status: 200, body: { status: 'applied' } });
  const again = await deliver(t, 'ping', ping);
  expect(again.status).toBe(200);
  const posted = since(t, before).all;
  expect(posted).toHaveLength(1);
  expect(visibleText(posted[0])).toContain(`GitHub connected for \`${REPO}\``);
});

test('a workflow run on the linked branch ticks its item with the run as evidence, a failed one unticks it; one thread line each', async () => {
  const t = await linkedBot(`github ${REPO} checks:"test=tests_passing"`);
  const passed = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success');
  const url = passed.workflow_run.html_url as string;
  const before = t.fake.messages(CHANNEL).length;

  const ok = await deliver(t, 'workflow_run', passed);
  expect(ok).toMatchObject({ status: 200, body: { status: 'applied', detail: 'All tests passing ticked.' } });
  expect(await item(t, 'tests_passing')).toMatchObject({ tickedBy: 'ci:github', evidenceUrl: url });

  const failed = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success');
  failed.workflow_run.conclusion = 'failure';
  failed.workflow_run.html_url = 'https://github.com/acme/shop/actions/runs/289782452';
  expect((await deliver(t, 'workflow_run', failed)).status).toBe(200);
  expect(await item(t, 'tests_passing')).toMatchObject({ tickedBy: null, tickedAt: null });
  const history = await t.bot.store.governance.checklistHistory(1);
  expect(history.filter((h) => h.key === 'tests_passing').map((h) => [h.action, h.actorId, h.evidenceUrl])).toEqual([
    ['tick', 'ci:github', url],
    ['untick', 'ci:github', 'https://github.com/acme/shop/actions/runs/289782452'],
  ]);

  // One parent per release, and one line per event in its thread; nothing else at the top.
  const posted = since(t, before);
  expect(posted.topLevel.map(visibleText)).toEqual([expect.stringContaining('*GitHub* for *2.4.0*')]);
  const lines = githubThread(t).map(visibleText);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain(`:white_check_mark: \`${REPO}\` *test* passed on \`master\``);
  expect(lines[0]).toContain('*All tests passing* ticked');
  expect(lines[0]).toContain(`<${url}|run>`);
  expect(lines[1]).toContain('*All tests passing* unticked');

  // A run of another branch, an unmapped workflow, a run still going: 202, nothing changes.
  const other = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success');
  other.workflow_run.head_branch = 'feature/x';
  expect(await deliver(t, 'workflow_run', other)).toMatchObject({ status: 202, body: { status: 'ignored' } });
  const unmapped = examplePayload('workflow_run', (p) => p.workflow?.name === 'Manually triggered workflow');
  expect((await deliver(t, 'workflow_run', unmapped)).status).toBe(202);
  const requested = examplePayload('workflow_run', (p) => p.action === 'requested');
  expect((await deliver(t, 'workflow_run', requested)).status).toBe(202);
  // A run on a version tag counts.
  const onTag = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success');
  onTag.workflow_run.head_branch = 'v2.4.0';
  expect((await deliver(t, 'workflow_run', onTag)).body).toMatchObject({ status: 'applied' });
  expect(await item(t, 'tests_passing')).toMatchObject({ tickedBy: 'ci:github' });
  expect(githubThread(t)).toHaveLength(3);
});

test('a redelivery (the same X-GitHub-Delivery) is answered 200 and applied once', async () => {
  const t = await linkedBot(`github ${REPO} checks:"test=tests_passing"`);
  const passed = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success');
  const deliveryId = newDeliveryId();
  const first = await deliver(t, 'workflow_run', passed, { deliveryId });
  // Unticked by hand in between: a redelivery that applied again would tick it again.
  const undone = await untickChecklistItem(t.bot.deps, { releaseId: 1, key: 'tests_passing', actorId: CAST.qa.id });
  if (!undone.ok) throw new Error(undone.message);
  const lines = githubThread(t).length;
  const again = await deliver(t, 'workflow_run', passed, { deliveryId });
  expect(first.body.status).toBe('applied');
  expect(again).toMatchObject({ status: 200, body: { status: 'duplicate' } });
  expect(await item(t, 'tests_passing')).toMatchObject({ tickedBy: null });
  expect(githubThread(t)).toHaveLength(lines);
});

test('the same delivery arriving twice at once is applied by one request; the other is answered duplicate', async () => {
  const t = await linkedBot();
  const published = examplePayload('release', (p) => p.action === 'published');
  const deliveryId = newDeliveryId();
  const answers = await Promise.all([
    deliver(t, 'release', published, { deliveryId }),
    deliver(t, 'release', published, { deliveryId }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  expect(answers.map((a) => a.body.status).sort()).toEqual(['applied', 'duplicate']);
  expect(await t.bot.store.github.versionsOf(1)).toHaveLength(1);
  expect(githubThread(t)).toHaveLength(1);
});

test('a missing or wrong signature is 401 problem+json and changes nothing; an unlinked repository is 202 and ignored', async () => {
  const t = await linkedBot();
  const passed = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success');
  passed.workflow_run.name = 'CI';
  const before = t.fake.messages(CHANNEL).length;

  const wrong = await deliver(t, 'workflow_run', passed, { signature: `sha256=${'0'.repeat(64)}` });
  expect(wrong.status).toBe(401);
  expect(wrong.contentType).toBe('application/problem+json');
  expect(wrong.body).toMatchObject({ status: 401, title: 'Missing or wrong signature', instance: '/github/webhook' });
  expect(wrong.body.detail).toContain('does not match');
  const missing = await deliver(t, 'workflow_run', passed, { signature: null });
  expect(missing.status).toBe(401);
  expect(missing.body.detail).toContain('X-Hub-Signature-256 is missing');
  // Signed with another secret: refused as well.
  const forged = await deliver(t, 'workflow_run', passed, {
    signature: githubSignature(JSON.stringify(passed), 'not-the-secret'),
  });
  expect(forged.status).toBe(401);
  expect(await item(t, 'tests_passing')).toMatchObject({ tickedBy: null });

  const unlinked = examplePayload('workflow_run', (p) => p.workflow_run.conclusion === 'success', 'someone/else');
  unlinked.workflow_run.name = 'CI';
  const ignored = await deliver(t, 'workflow_run', unlinked);
  expect(ignored).toMatchObject({ status: 202, body: { status: 'ignored' } });
  expect(ignored.body.detail).toContain('No release channel links someone/else');
  expect(await item(t, 'tests_passing')).toMatchObject({ tickedBy: null });
  expect(t.fake.messages(CHANNEL)).toHaveLength(before);

  // The genuine delivery then applies: the refusals claimed nothing.
  expect((await deliver(t, 'workflow_run', passed)).body.status).toBe('applied');
});

test('over 1 MB is 413, not JSON is 415, a payload lacking what the bot reads is 400: all problem+json', async () => {
  const t = await linkedBot();
  const big = `{"zen":"${'x'.repeat(1024 * 1024)}"}`;
  const tooLarge = await deliver(t, 'ping', undefined, { raw: big });
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.contentType).toBe('application/problem+json');
  const form = await deliver(t, 'ping', undefined, {
    raw: 'payload=%7B%7D',
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(form.status).toBe(415);
  expect(form.body.detail).toContain('application/json');
  const lacking = await deliver(t, 'workflow_run', { action: 'completed', repository: { full_name: REPO } });
  expect(lacking.status).toBe(400);
  expect(lacking.body.detail).toContain('workflow_run');
});

test('the linked milestone closed with nothing open ticks prs_merged with its URL; reopened, it unticks', async () => {
  const t = await linkedBot(`github ${REPO} milestone:"v1.0"`);
  const closed = examplePayload('milestone', (p) => p.action === 'closed');
  const url = closed.milestone.html_url as string;
  expect(closed.milestone.open_issues).toBe(0);
  expect((await deliver(t, 'milestone', closed)).body).toMatchObject({
    status: 'applied',
    detail: 'All PRs merged and reviewed ticked.',
  });
  expect(await item(t, 'prs_merged')).toMatchObject({ tickedBy: 'ci:github', evidenceUrl: url });
  expect(visibleText(githubThread(t)[0])).toContain(
    'milestone *v1.0* closed with nothing open → *All PRs merged and reviewed* ticked',
  );

  const reopened = examplePayload('milestone', (p) => p.action === 'closed');
  reopened.action = 'opened';
  reopened.milestone.state = 'open';
  expect((await deliver(t, 'milestone', reopened)).status).toBe(200);
  expect(await item(t, 'prs_merged')).toMatchObject({ tickedBy: null });
  expect(visibleText(githubThread(t)[1])).toContain(
    'milestone *v1.0* reopened → *All PRs merged and reviewed* unticked',
  );

  // Closed with issues still open, or another milestone: nothing.
  const early = examplePayload('milestone', (p) => p.action === 'closed');
  early.milestone.open_issues = 3;
  expect(await deliver(t, 'milestone', early)).toMatchObject({ status: 202 });
  const other = examplePayload('milestone', (p) => p.action === 'closed');
  other.milestone.title = 'v2.0';
  expect(await deliver(t, 'milestone', other)).toMatchObject({ status: 202 });
  expect(await item(t, 'prs_merged')).toMatchObject({ tickedBy: null });
});

test('a published release records its tag as the version: in /release status and the exported record', async () => {
  const t = await linkedBot();
  const published = examplePayload('release', (p) => p.action === 'published');
  published.release.tag_name = 'v2.4.0';
  expect((await deliver(t, 'release', published)).body).toMatchObject({ status: 'applied' });
  expect(visibleText(githubThread(t)[0])).toContain(
    `:label: \`${REPO}\` published *v2.4.0*: recorded as the version of *2.4.0*`,
  );
  const edited = examplePayload('release', (p) => p.action === 'edited');
  expect(await deliver(t, 'release', edited)).toMatchObject({ status: 202 });

  const status = await t.command(CAST.outsider.id, 'status');
  expect(status.visible).toContain('*Version* (GitHub releases)');
  expect(status.visible).toContain(`\`${REPO}\`: *<${published.release.html_url}|v2.4.0>*`);
  await t.command(CAST.rm.id, 'export');
  const md = await t.fake.waitFor(() => t.fake.files[0]?.content);
  expect(md).toContain('Versions (GitHub)');
  expect(md).toContain(`${REPO} · v2.4.0 · ${published.release.html_url}`);
});

test('deployment_status: in progress through an open gate, then success ships; queued and in progress ask the gate once', async () => {
  const t = await linkedBot();
  await decideGo(t.bot.deps, 1);
  const queued = await deliver(t, 'deployment_status', deploymentStatus('queued'));
  expect(queued.body).toMatchObject({ status: 'applied', detail: 'Deployment queued recorded (admitted).' });
  const running = await deliver(t, 'deployment_status', deploymentStatus('in_progress'));
  expect(running.body.detail).toContain('already reported as started');
  const success = await deliver(t, 'deployment_status', deploymentStatus('success'));
  expect(success.body).toMatchObject({ status: 'applied', detail: 'Deployment success recorded (shipped).' });
  expect((await release(t)).status).toBe('shipped');
  const deployments = await t.bot.store.api.deploymentsOf(1);
  expect(deployments.map((d) => [d.status, d.outcome, d.reportedBy, d.version])).toEqual([
    ['started', 'admitted', 'ci:github', 'master'],
    ['succeeded', 'shipped', 'ci:github', 'master'],
  ]);
  const lines = githubThread(t).map(visibleText);
  expect(lines[0]).toContain(
    `:arrow_forward: \`${REPO}\` deployment of \`master\` to *production* queued, through the open gate`,
  );
  expect(lines[1]).toContain('succeeded: *2.4.0* is *shipped*');
  expect(lines[1]).toContain('<https://github.com/acme/shop/runs/145988746?check_suite_focus=true|GitHub>');

  // inactive changes nothing; another environment is not the linked one.
  expect(await deliver(t, 'deployment_status', deploymentStatus('inactive'))).toMatchObject({ status: 202 });
  expect(await deliver(t, 'deployment_status', deploymentStatus('success', 'github-pages'))).toMatchObject({
    status: 202,
  });
  expect(await t.bot.store.api.deploymentsOf(1)).toHaveLength(2);
});

test('deployment_status failure and error are posted top-level with the rollback button', async () => {
  const t = await linkedBot();
  const before = t.fake.messages(CHANNEL).length;
  for (const state of ['failure', 'error']) {
    const answer = await deliver(t, 'deployment_status', deploymentStatus(state));
    expect(answer.body).toMatchObject({ status: 'applied', detail: `Deployment ${state} recorded (recorded).` });
  }
  const posted = since(t, before);
  expect(posted.replies).toHaveLength(0);
  expect(posted.topLevel).toHaveLength(2);
  for (const [i, state] of ['failure', 'error'].entries()) {
    const message = posted.topLevel[i];
    expect(visibleText(message)).toContain(`:x: *Deployment failed:* \`${REPO}\``);
    expect(visibleText(message)).toContain(`(GitHub: ${state})`);
    expect(JSON.stringify(message?.blocks)).toContain(ACTION_IDS.pipelineOpenRollback);
  }
  expect((await t.bot.store.api.deploymentsOf(1)).map((d) => [d.status, d.outcome])).toEqual([
    ['failed', 'recorded'],
    ['failed', 'recorded'],
  ]);
});

test('under a No-Go a deployment in progress is recorded and announced as blocked', async () => {
  const t = await linkedBot();
  await noGo(t);
  const blocked = await deliver(t, 'deployment_status', deploymentStatus('in_progress'));
  expect(blocked).toMatchObject({ status: 200, body: { status: 'applied' } });
  expect(blocked.body.detail).toContain('The deployment gate of release 2.4.0 is closed');
  const [deployment] = await t.bot.store.api.deploymentsOf(1);
  expect(deployment).toMatchObject({
    status: 'started',
    outcome: 'blocked',
    reportedBy: 'ci:github',
  });
  const line = visibleText(githubThread(t).at(-1));
  expect(deployment?.blockedBy).toContain('no_go');
  expect(line).toContain(':no_entry: *Blocked:*');
  expect(line).toContain('the deployment gate is *closed*');
  // And success afterwards does not ship past the No-Go.
  await deliver(t, 'deployment_status', deploymentStatus('success'));
  expect((await release(t)).status).not.toBe('shipped');
  expect((await t.bot.store.api.deploymentsOf(1)).map((d) => d.outcome)).toEqual(['blocked', 'blocked']);
});

test('without GITHUB_WEBHOOK_SECRET the endpoint answers 404', async () => {
  const t = await startTestBot();
  const answer = await deliver(t, 'ping', examplePayload('ping'));
  expect(answer.status).toBe(404);
  expect(answer.contentType).toBe('application/problem+json');
});
