import { expect, test } from 'vitest';
import { GateJson, ProblemJson } from '../../../src/api/http/schemas.ts';
import type { Release } from '../../../src/core/domain/release.ts';
import { decidePoll } from '../../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../../src/polls/usecases/open-poll.ts';
import { callApi, createTokenThroughSlack } from '../../helpers/api.ts';
import { createStaffedRelease, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { tickWholeChecklist } from '../../helpers/factories.ts';
import { goThroughSlack } from '../../helpers/gate.ts';
import { CAST } from '../../helpers/people.ts';

const GATE = '/api/v1/releases/current/gate';

async function noGo(t: TestBot) {
  const release = (await t.bot.store.releases.findById(1)) as Release;
  const opened = await openPoll(t.bot.deps, {
    release,
    actorId: CAST.rm.id,
    activity: 'go_no_go',
    deadlineMs: undefined,
  });
  if (!opened.ok) throw new Error(opened.message);
  const decided = await decidePoll(t.bot.deps, { pollId: opened.poll.id, deciderId: CAST.rm.id, side: 'no_go' });
  if (!decided.ok) throw new Error(decided.message);
}

test('the gate answers 409 → 200 while a wait is in flight: the moment the RM decides Go, not at a polling interval', async () => {
  // A database poll once a minute: only the decision hook can answer the held request in time.
  const t = await startTestBot({ gatePollMs: 60_000 });
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t);
  await tickWholeChecklist(t.bot.deps, 1);

  const pending = await callApi(t, 'GET', GATE, { token });
  expect(pending.status).toBe(409);
  const problem = ProblemJson.parse(pending.body);
  expect(problem).toMatchObject({ gate: 'pending', type: 'urn:release-bot:problem:gate-pending' });
  expect(problem.detail).toContain('No Go decision yet');

  const started = performance.now();
  let answeredAt = 0;
  const held = callApi(t, 'GET', `${GATE}?wait=600`, { token }).then((r) => {
    answeredAt = performance.now();
    return r;
  });
  await t.fake.waitFor(() => t.bot.gateWatch.held() === 1);
  // Votes move nothing the gate weighs: the request stays held through the poll until the decision.
  let decidedAt = 0;
  const poll = goThroughSlack(t, { tick: false }).then((p) => {
    decidedAt = performance.now();
    return p;
  });
  const open = await held;
  await poll;
  expect(open.status).toBe(200);
  expect(open.contentType).toBe('application/json');
  const body = GateJson.parse(open.body);
  expect(body).toMatchObject({ gate: 'open', release: '2.4.0', reasons: [], waited: 'changed' });
  expect(body.go?.decided_by).toEqual({ id: CAST.rm.id, name: 'urm' });
  // Answered within moments of the decision (the poll interval is a minute), well before the wait ran out.
  expect(answeredAt - started).toBeLessThan(30_000);
  expect(Math.abs(decidedAt - answeredAt)).toBeLessThan(3_000);
  // And asked again at once, it is still open.
  expect((await callApi(t, 'GET', GATE, { token })).status).toBe(200);
});

test('403 under a No-Go, answered at once even with a wait; a wait that runs out is 409 pending', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t);
  const timedOut = await callApi(t, 'GET', `${GATE}?wait=1`, { token });
  expect(timedOut.status).toBe(409);
  expect(timedOut.body).toMatchObject({ gate: 'pending', waited: 'timeout' });

  await noGo(t);
  const closed = await callApi(t, 'GET', `${GATE}?wait=600`, { token });
  expect(closed.status).toBe(403);
  expect(closed.contentType).toBe('application/problem+json');
  const body = ProblemJson.parse(closed.body);
  expect(body).toMatchObject({ gate: 'closed', waited: 'now', type: 'urn:release-bot:problem:gate-closed' });
  expect(body.detail).toMatch(/A No-Go is in force \(decided by urm at 2026-11-23T09:00:00\.000Z\)/);
});

test('a No-Go decided while a wait is held closes it: 403 at once', async () => {
  const t = await startTestBot({ gatePollMs: 60_000 });
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t);
  const held = callApi(t, 'GET', `${GATE}?wait=600`, { token });
  await t.fake.waitFor(() => t.bot.gateWatch.held() === 1);
  await noGo(t);
  const closed = await held;
  expect(closed.status).toBe(403);
  expect(closed.body).toMatchObject({ gate: 'closed', waited: 'changed' });
});

test('a wait cut by a restart gets a clean 503 to retry; the retry gets the right answer', async () => {
  const t = await startTestBot({ gatePollMs: 60_000 });
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t);
  await tickWholeChecklist(t.bot.deps, 1);
  const held = callApi(t, 'GET', `${GATE}?wait=600`, { token });
  await t.fake.waitFor(() => t.bot.gateWatch.held() === 1);
  await t.restart();
  const cut = await held;
  expect(cut.status).toBe(503);
  expect(cut.contentType).toBe('application/problem+json');
  expect(cut.headers.get('retry-after')).toBe('2');
  expect(ProblemJson.parse(cut.body).detail).toContain('send the same request again');

  // The client retries on the restarted bot (its new port); the Go comes while the retry is held.
  const retry = callApi(t, 'GET', `${GATE}?wait=600`, { token });
  await t.fake.waitFor(() => t.bot.gateWatch.held() === 1);
  await goThroughSlack(t, { tick: false });
  const open = await retry;
  expect(open.status).toBe(200);
  expect(open.body).toMatchObject({ gate: 'open', waited: 'changed' });
});
