import { ErrorCode } from '@slack/web-api';
import { expect, test } from 'vitest';
import { tokenRefusal } from '../../../src/platform/slack/token-refusal.ts';

const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });

test('a wrong, revoked or expired token is a refusal; anything else may pass with a retry', () => {
  expect(tokenRefusal(platformError('invalid_auth'))).toBe('invalid_auth');
  expect(tokenRefusal(platformError('token_revoked'))).toBe('token_revoked');
  expect(tokenRefusal(platformError('account_inactive'))).toBe('account_inactive');
  expect(tokenRefusal(platformError('ratelimited'))).toBeUndefined();
  expect(tokenRefusal(platformError('internal_error'))).toBeUndefined();
  expect(tokenRefusal(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBeUndefined();
  expect(tokenRefusal(undefined)).toBeUndefined();
});
