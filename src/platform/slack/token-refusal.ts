/**
 * Slack's answers that mean the token itself will not do, whatever is retried: wrong, revoked, expired, of the
 * wrong kind, or the workspace's account gone. Anything else at start-up (Slack unreachable, a 5xx) may pass.
 */
const TOKEN_REFUSALS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
  'invalid_token',
]);

/** Slack's error code when `error` is Slack refusing the token (a Web API platform error), else undefined. */
export function tokenRefusal(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | null | undefined)?.data?.error;
  return typeof code === 'string' && TOKEN_REFUSALS.has(code) ? code : undefined;
}
