import type { ApiDeps } from '../deps.ts';
import {
  decideIdempotency,
  IDEMPOTENCY_RETENTION_MS,
  type IdempotencyDecision,
  type StoredAnswer,
} from '../domain/idempotency.ts';

export type IdempotencyRef = { tokenId: number; key: string };

/**
 * Before a POST with an `Idempotency-Key` runs: claims the key for this request, or says to replay the first
 * answer, to wait for the first request, or that the key came with another request. Read, check and claim in one
 * transaction, so two retries racing each other (on two replicas, say) run the request once. Answers older than a
 * day are forgotten on the way.
 */
export async function claimIdempotencyKey(
  deps: ApiDeps,
  input: IdempotencyRef & { fingerprint: string },
): Promise<IdempotencyDecision> {
  const now = deps.clock.now();
  return deps.store.transaction(async () => {
    await deps.store.api.pruneIdempotency(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
    const existing = await deps.store.api.idempotency(input.tokenId, input.key);
    const decision = decideIdempotency(existing, input.fingerprint, now);
    if (decision.kind === 'proceed') {
      await deps.store.api.claimIdempotency({
        tokenId: input.tokenId,
        key: input.key,
        fingerprint: input.fingerprint,
        createdAt: now,
      });
    }
    return decision;
  });
}

/** The first answer, kept for the retries. */
export async function completeIdempotencyKey(
  deps: ApiDeps,
  input: IdempotencyRef & { answer: StoredAnswer },
): Promise<void> {
  await deps.store.api.completeIdempotency(input.tokenId, input.key, input.answer);
}

/** The request failed before it could have changed anything (an internal error): a retry may run it again. */
export async function releaseIdempotencyKey(deps: ApiDeps, input: IdempotencyRef): Promise<void> {
  await deps.store.api.releaseIdempotency(input.tokenId, input.key);
}
