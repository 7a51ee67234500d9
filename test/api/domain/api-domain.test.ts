import { expect, test } from 'vitest';
import { type Deployment, latestPerEnvironment, startAdmitted } from '../../../src/api/domain/deployments.ts';
import {
  decideIdempotency,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RETENTION_MS,
  whyBadIdempotencyKey,
} from '../../../src/api/domain/idempotency.ts';
import { plainText } from '../../../src/api/domain/problems.ts';
import { decideRateLimit } from '../../../src/api/domain/rate-limit.ts';
import { whyBadTokenName } from '../../../src/api/domain/tokens.ts';
import { actorLabel, actorMention, pipelineActorId, pipelineName } from '../../../src/core/domain/actors.ts';

const T0 = new Date('2026-12-01T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

test('the rate limit: 60 in a window that opens with the first request; the 61st is told when the window ends', () => {
  let window: Parameters<typeof decideRateLimit>[0];
  for (let i = 1; i <= 60; i += 1) {
    const decided = decideRateLimit(window, 7, later(i * 100));
    if (!decided.ok) throw new Error(`refused request ${i}`);
    expect(decided.remaining).toBe(60 - i);
    window = decided.window;
  }
  expect(window?.startedAt).toEqual(later(100));
  expect(decideRateLimit(window, 7, later(30_000))).toEqual({ ok: false, retryAfterSeconds: 31 });
  expect(decideRateLimit(window, 7, later(60_099))).toEqual({ ok: false, retryAfterSeconds: 1 });
  expect(decideRateLimit(window, 7, later(60_100))).toMatchObject({
    ok: true,
    window: { count: 1, startedAt: later(60_100) },
  });
});

test('idempotency: proceed, replay the answer, wait for a running first request, refuse another body, forget after a day', () => {
  const record = { tokenId: 1, key: 'k', fingerprint: 'f', createdAt: T0, answer: null };
  const answer = { status: 201, body: '{}', contentType: 'application/json' };
  expect(decideIdempotency(undefined, 'f', T0)).toEqual({ kind: 'proceed' });
  expect(decideIdempotency(record, 'f', later(1000))).toEqual({ kind: 'in_progress' });
  expect(decideIdempotency(record, 'f', later(IDEMPOTENCY_LEASE_MS))).toEqual({ kind: 'proceed' });
  expect(decideIdempotency({ ...record, answer }, 'f', later(3_600_000))).toEqual({ kind: 'replay', answer });
  expect(decideIdempotency({ ...record, answer }, 'other', later(1000))).toEqual({ kind: 'mismatch' });
  expect(decideIdempotency({ ...record, answer }, 'other', later(IDEMPOTENCY_RETENTION_MS))).toEqual({
    kind: 'proceed',
  });
  expect(whyBadIdempotencyKey('3f1c-uuid')).toBeUndefined();
  for (const bad of ['', 'a b', 'é', 'x'.repeat(256)]) expect(whyBadIdempotencyKey(bad), bad).toBeDefined();
});

function deployment(overrides: Partial<Deployment>): Deployment {
  return {
    id: 1,
    teamId: 'T',
    releaseId: 1,
    environment: 'production',
    status: 'started',
    version: null,
    url: null,
    reportedBy: 'ci:x',
    at: T0,
    outcome: 'admitted',
    blockedBy: null,
    ...overrides,
  };
}

test('a start was admitted when the latest production start went through the gate and has not ended', () => {
  expect(startAdmitted([])).toBe(false);
  expect(startAdmitted([deployment({})])).toBe(true);
  expect(
    startAdmitted([deployment({}), deployment({ environment: 'staging', status: 'failed', outcome: 'recorded' })]),
  ).toBe(true);
  // A blocked attempt after it does not undo the admitted start.
  expect(startAdmitted([deployment({}), deployment({ outcome: 'blocked' })])).toBe(true);
  expect(startAdmitted([deployment({}), deployment({ status: 'failed', outcome: 'recorded' })])).toBe(false);
  expect(startAdmitted([deployment({}), deployment({ status: 'succeeded', outcome: 'shipped' })])).toBe(false);
  expect(startAdmitted([deployment({ outcome: 'blocked' })])).toBe(false);
});

test('the latest deployment per environment, production first', () => {
  const list = latestPerEnvironment([
    deployment({ id: 1, environment: 'staging' }),
    deployment({ id: 2, environment: 'production' }),
    deployment({ id: 3, environment: 'canary' }),
    deployment({ id: 4, environment: 'staging', status: 'succeeded' }),
  ]);
  expect(list.map((d) => [d.environment, d.id])).toEqual([
    ['production', 2],
    ['canary', 3],
    ['staging', 4],
  ]);
});

test('token names and pipeline actors', () => {
  expect(whyBadTokenName('github-actions')).toBeUndefined();
  expect(whyBadTokenName('ci.nightly_2')).toBeUndefined();
  for (const bad of ['', '-x', 'a b', '<!here>', 'x'.repeat(41)]) expect(whyBadTokenName(bad), bad).toBeDefined();
  const id = pipelineActorId('deploy');
  expect(id).toBe('ci:deploy');
  expect(pipelineName(id)).toBe('deploy');
  expect(pipelineName('URM')).toBeUndefined();
  expect(actorLabel(id)).toBe('CI (deploy)');
  expect(actorMention(id)).toBe('CI (deploy)');
  expect(actorMention('URM')).toBe('<@URM>');
});

test('a Slack message the other modules wrote reads as plain text for an HTTP client', () => {
  expect(
    plainText('*2.4.0* has ended; ask <@URM> in <#C0REL|release> &lt;here&gt; &amp; <https://x.example|docs>'),
  ).toBe('2.4.0 has ended; ask @URM in #C0REL <here> & docs (https://x.example)');
});
