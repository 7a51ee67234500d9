import type { ApiDeps } from '../deps.ts';
import { type ApiProblem, problem } from '../domain/problems.ts';
import { decideRateLimit } from '../domain/rate-limit.ts';
import { type ApiToken, isRevoked, TOKEN_PREFIX } from '../domain/tokens.ts';

export type Admitted = { ok: true; token: ApiToken; remaining: number };

const HOW = 'Send `Authorization: Bearer rbt_…` with a token the Release Manager created with /release token create.';

/**
 * Who is asking, and may they now: the bearer token is looked up by its SHA-256 (the secret itself is never kept),
 * must not be revoked, and must be inside its rate limit. One transaction counts the request in the token's window
 * (in the database, so every replica counts the same requests) and notes when the token was last used.
 */
export async function admitRequest(
  deps: ApiDeps,
  input: { authorization: string | undefined },
): Promise<Admitted | ApiProblem> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization ?? '');
  if (!match) return problem('unauthorized', `This request has no bearer token. ${HOW}`);
  const secret = match[1] as string;
  if (!secret.startsWith(TOKEN_PREFIX)) {
    return problem('unauthorized', `That is not a release-bot token (they start with ${TOKEN_PREFIX}). ${HOW}`);
  }
  const hash = deps.tokenSecrets.hash(secret);
  const now = deps.clock.now();
  return deps.store.transaction(async (): Promise<Admitted | ApiProblem> => {
    const token = await deps.store.api.tokenByHash(hash);
    if (!token) return problem('unauthorized', `This token is unknown. ${HOW}`);
    if (isRevoked(token)) {
      return problem(
        'unauthorized',
        `The token "${token.name}" was revoked at ${token.revokedAt?.toISOString()}. ` +
          'Ask the Release Manager for a new one (/release token create).',
      );
    }
    const decided = decideRateLimit(await deps.store.api.rateWindow(token.id), token.id, now);
    if (!decided.ok) {
      return problem(
        'rate_limited',
        `The token "${token.name}" made more than 60 requests in a minute. Retry in ${decided.retryAfterSeconds} s.`,
        { retryAfterSeconds: decided.retryAfterSeconds },
      );
    }
    await deps.store.api.saveRateWindow(decided.window);
    await deps.store.api.touchToken(token.id, now);
    return { ok: true, token: { ...token, lastUsedAt: now }, remaining: decided.remaining };
  });
}
