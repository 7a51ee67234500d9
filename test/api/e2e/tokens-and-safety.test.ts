import { expect, test } from 'vitest';
import { ProblemJson, ReleaseJson } from '../../../src/api/http/schemas.ts';
import { callApi, createTokenThroughSlack } from '../../helpers/api.ts';
import { createStaffedRelease, OTHER_CHANNEL, startTestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';

async function staffedWithToken(options: Parameters<typeof startTestBot>[0] = {}) {
  const t = await startTestBot(options);
  await createStaffedRelease(t);
  const token = await createTokenThroughSlack(t);
  return { t, token };
}

function expectProblem(response: Awaited<ReturnType<typeof callApi>>, status: number, detail: string | RegExp) {
  expect(response.status).toBe(status);
  expect(response.contentType).toBe('application/problem+json');
  const body = ProblemJson.parse(response.body);
  expect(body.status).toBe(status);
  if (typeof detail === 'string') expect(body.detail).toContain(detail);
  else expect(body.detail).toMatch(detail);
  return body;
}

test('the secret is shown once, privately; only its hash is kept; list shows names, creators, last use, channel', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const created = await t.command(CAST.rm.id, 'token create github-actions');
  expect(created.reply?.response_type).toBe('ephemeral');
  const secret = /rbt_[A-Za-z0-9_-]{43}/.exec(created.visible)?.[0] as string;
  expect(created.visible).toContain('this is the only time it is shown');
  // Never in the channel, never in the database.
  expect(JSON.stringify(t.fake.messages(CHANNEL))).not.toContain(secret);
  const [stored] = await t.bot.store.api.tokensOfChannel(t.fake.teamId, CHANNEL);
  expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
  expect(JSON.stringify(await t.bot.store.audit.forRelease(1))).not.toContain(secret.slice(4));

  expect((await t.command(CAST.rm.id, 'token create github-actions')).visible).toContain(
    'already has a token named `github-actions`',
  );
  expect((await t.command(CAST.rm.id, 'token create "two words"')).visible).toContain('A token name is 1 to 40');
  for (const who of [CAST.qa.id, CAST.devops.id, CAST.outsider.id]) {
    expect((await t.command(who, 'token create mine')).visible).toContain(
      'Only the Release Manager of *2.4.0* (<@URM>) manages this channel’s API tokens.',
    );
    expect((await t.command(who, 'token list')).visible).toContain('Only the Release Manager');
  }

  await callApi(t, 'GET', '/api/v1/releases/current', { token: secret });
  const list = await t.command(CAST.rm.id, 'token list');
  expect(list.reply?.response_type).toBe('ephemeral');
  expect(list.visible).toContain('*github-actions* · created by <@URM>');
  expect(list.visible).toContain('last used <!date^');
  expect(list.visible).toContain(`<#${CHANNEL}>`);
  expect(list.visible).not.toContain('rbt_');
});

test('a missing, malformed, unknown or revoked token gets 401; another channel’s release is 404', async () => {
  const { t, token } = await staffedWithToken();
  const path = '/api/v1/releases/current';
  expectProblem(await callApi(t, 'GET', path), 401, 'no bearer token');
  expectProblem(await callApi(t, 'GET', path, { headers: { Authorization: 'Basic dXNlcjpwdw==' } }), 401, 'no bearer');
  expectProblem(await callApi(t, 'GET', path, { token: 'xoxb-not-ours' }), 401, 'not a release-bot token');
  const unknown = expectProblem(await callApi(t, 'GET', path, { token: `rbt_${'A'.repeat(43)}` }), 401, 'unknown');
  expect(unknown.type).toBe('urn:release-bot:problem:unauthorized');
  const wrong = await callApi(t, 'GET', path, { token: `rbt_${'A'.repeat(43)}` });
  expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="release-bot"');
  expect((await callApi(t, 'GET', path, { token })).status).toBe(200);

  // Another channel's release: its name is not revealed.
  await t.command(CAST.rm.id, 'create 3.0.0 target:2026-12-20', OTHER_CHANNEL);
  const elsewhere = expectProblem(await callApi(t, 'GET', '/api/v1/releases/3.0.0', { token }), 404, 'no release');
  const nowhere = expectProblem(await callApi(t, 'GET', '/api/v1/releases/9.9.9', { token }), 404, 'no release');
  expect(elsewhere.detail.replace('3.0.0', 'X')).toBe(nowhere.detail.replace('9.9.9', 'X'));
  expect(ReleaseJson.parse((await callApi(t, 'GET', '/api/v1/releases/2.4.0', { token })).body).name).toBe('2.4.0');

  const revoked = await t.command(CAST.rm.id, 'token revoke github-actions');
  expect(revoked.visible).toContain('is revoked: the next request with it gets 401');
  expectProblem(await callApi(t, 'GET', path, { token }), 401, 'The token "github-actions" was revoked');
  expect((await t.command(CAST.rm.id, 'token revoke github-actions')).visible).toContain(
    'This channel has no active token named `github-actions`',
  );
  // The name is free again; the new secret works, the old one stays dead.
  const again = await createTokenThroughSlack(t);
  expect((await callApi(t, 'GET', path, { token: again })).status).toBe(200);
  expect((await callApi(t, 'GET', path, { token })).status).toBe(401);
});

test('unknown endpoints and methods, bad bodies and queries get problem details that say what to fix', async () => {
  const { t, token } = await staffedWithToken();
  expectProblem(await callApi(t, 'GET', '/api/v1/nope', { token }), 404, 'There is no GET /api/v1/nope');
  const wrongMethod = expectProblem(
    await callApi(t, 'DELETE', '/api/v1/releases/current/checks', { token }),
    405,
    'use POST',
  );
  expect(wrongMethod.allow).toBe('POST');
  const checks = '/api/v1/releases/current/checks';
  expectProblem(
    await callApi(t, 'POST', checks, { token, raw: 'item=tests_passing', headers: { 'Content-Type': 'text/plain' } }),
    415,
    'Content-Type: application/json',
  );
  expectProblem(await callApi(t, 'POST', checks, { token, raw: '{"item":' }), 400, 'The body is not JSON');
  const invalid = expectProblem(
    await callApi(t, 'POST', checks, {
      token,
      body: { item: 'tests', status: 'green', url: 'ci/42', sumary: 'typo' },
    }),
    422,
    'item must be a checklist key: prs_merged, tests_passing',
  );
  expect(invalid.errors?.map((e) => e.field)).toEqual(['item', 'status', 'url', '(body)']);
  expect(invalid.detail).toContain('unknown field "sumary"');
  expect(invalid.detail).toContain('status must be "passed" or "failed"');
  expect(invalid.detail).toContain('url That is not a web link');
  expectProblem(
    await callApi(t, 'GET', '/api/v1/releases/current/gate?wait=601', { token }),
    400,
    'wait must be at most 600 seconds',
  );
  expectProblem(
    await callApi(t, 'GET', '/api/v1/releases/current/gate?wiat=5', { token }),
    400,
    'unknown field "wiat"',
  );
  // Nothing of that changed the checklist.
  expect((await t.bot.store.governance.checklistHistory(1)).length).toBe(0);
});

test('a 100 kB body is refused with 413 and changes nothing; 64 kB is the limit', async () => {
  const { t, token } = await staffedWithToken();
  const big = {
    summary: 'x'.repeat(100 * 1024),
    category: 'outage',
  };
  const refused = expectProblem(
    await callApi(t, 'POST', '/api/v1/releases/current/escalations', { token, body: big }),
    413,
    'over 64 kB',
  );
  expect(refused.type).toBe('urn:release-bot:problem:too-large');
  expect(await t.bot.store.escalations.listForRelease(1)).toEqual([]);
  // Just under the limit is read (and refused by the schema for its summary, not for its size).
  const under = await callApi(t, 'POST', '/api/v1/releases/current/escalations', {
    token,
    body: { summary: 'y'.repeat(60 * 1024) },
  });
  expectProblem(under, 422, 'summary is at most 1500 characters');
});

test('an idempotent retry returns the first answer and changes nothing; the same key with another body is refused', async () => {
  const { t, token } = await staffedWithToken();
  const path = '/api/v1/releases/current/escalations';
  const body = { summary: 'Payments API returns 502', category: 'blocker' };
  const headers = { 'Idempotency-Key': 'a1b2c3d4-retry' };
  const first = await callApi(t, 'POST', path, { token, body, headers });
  expect(first.status).toBe(201);
  const posted = t.fake.messages(CHANNEL).length;
  const retry = await callApi(t, 'POST', path, { token, body, headers });
  expect(retry.status).toBe(201);
  expect(retry.body).toEqual(first.body);
  expect(retry.headers.get('idempotency-replayed')).toBe('true');
  expect(await t.bot.store.escalations.listForRelease(1)).toHaveLength(1);
  expect(t.fake.messages(CHANNEL)).toHaveLength(posted);

  expectProblem(
    await callApi(t, 'POST', path, { token, body: { ...body, summary: 'something else' }, headers }),
    422,
    'used for a different request',
  );
  expectProblem(
    await callApi(t, 'POST', path, { token, body, headers: { 'Idempotency-Key': 'has space' } }),
    400,
    'visible ASCII',
  );
  // Two retries racing: the request runs once.
  const raced = await Promise.all(
    [1, 2, 3].map(() => callApi(t, 'POST', path, { token, body, headers: { 'Idempotency-Key': 'race-1' } })),
  );
  expect(raced.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  expect(raced.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
  expect(await t.bot.store.escalations.listForRelease(1)).toHaveLength(2);
  // Without a key, each POST is a new request.
  await callApi(t, 'POST', path, { token, body });
  expect(await t.bot.store.escalations.listForRelease(1)).toHaveLength(3);
});

test('60 requests a minute per token, then 429 with Retry-After; the next minute answers again', async () => {
  const { t, token } = await staffedWithToken();
  const other = await createTokenThroughSlack(t, 'nightly');
  const path = '/api/v1/releases/current';
  for (let i = 0; i < 60; i += 1) expect((await callApi(t, 'GET', path, { token })).status).toBe(200);
  t.clock.advance(20_000);
  const limited = await callApi(t, 'GET', path, { token });
  expectProblem(limited, 429, 'more than 60 requests in a minute. Retry in 40 s');
  expect(limited.headers.get('retry-after')).toBe('40');
  // Another token has its own limit.
  expect((await callApi(t, 'GET', path, { token: other })).status).toBe(200);
  t.clock.advance(40_000);
  expect((await callApi(t, 'GET', path, { token })).status).toBe(200);
});

test('each request is logged with its token’s name, never the secret', async () => {
  const lines: string[] = [];
  const { t, token } = await staffedWithToken({ log: (line) => lines.push(line) });
  await callApi(t, 'GET', '/api/v1/releases/current/gate', { token });
  await callApi(t, 'GET', '/api/v1/releases/current', { token: `rbt_${'B'.repeat(43)}` });
  const api = lines.filter((line) => line.includes(' api '));
  expect(api.some((l) => /api GET \/api\/v1\/releases\/current\/gate 409 token=github-actions \d+ms/.test(l))).toBe(
    true,
  );
  expect(api.some((l) => /api GET \/api\/v1\/releases\/current 401 token=- \d+ms/.test(l))).toBe(true);
  expect(lines.join('\n')).not.toContain(token.slice(4));
  expect(lines.join('\n')).not.toContain('B'.repeat(43));
});
