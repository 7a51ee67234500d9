import { verify } from '@octokit/webhooks-methods';
import { expect, test } from 'vitest';
import { startTestBot } from '../../helpers/e2e.ts';
import { deliver } from '../github-helpers.ts';

// GitHub's documented test values ("Validating webhook deliveries").
const SECRET = "It's a Secret to Everybody";
const PAYLOAD = 'Hello, World!';
const SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

test('the library the bot verifies with accepts GitHub’s test vector and refuses it changed', async () => {
  expect(await verify(SECRET, PAYLOAD, SIGNATURE)).toBe(true);
  expect(await verify(SECRET, 'Hello, World?', SIGNATURE)).toBe(false);
  expect(await verify('another secret', PAYLOAD, SIGNATURE)).toBe(false);
});

test('the running bot, given GitHub’s test secret, takes the test vector’s signature and refuses anything else', async () => {
  const t = await startTestBot({ env: { GITHUB_WEBHOOK_SECRET: SECRET } });
  // The signature passes; then "Hello, World!" is no JSON payload: 400, not 401.
  const accepted = await deliver(t, 'ping', undefined, { raw: PAYLOAD, signature: SIGNATURE });
  expect(accepted.status).toBe(400);
  expect(accepted.body.detail).toContain('not JSON');
  const changed = await deliver(t, 'ping', undefined, { raw: 'Hello, World?', signature: SIGNATURE });
  expect(changed.status).toBe(401);
  const sha1 = await deliver(t, 'ping', undefined, {
    raw: PAYLOAD,
    signature: 'sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59',
  });
  expect(sha1.status).toBe(401);
  expect(sha1.contentType).toBe('application/problem+json');
});
