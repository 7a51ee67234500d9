import { and, asc, eq, lt } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { Deployment } from '../../domain/deployments.ts';
import type { IdempotencyRecord } from '../../domain/idempotency.ts';
import type { ApiStore } from '../../ports.ts';
import { apiDeployments, apiIdempotency, apiRateWindows, apiTokens } from './schema.ts';

type IdempotencyRow = typeof apiIdempotency.$inferSelect;
type DeploymentRow = typeof apiDeployments.$inferSelect;

// The row mapping repeats the SQLite store's (`../api-store.ts`): the rows are the same shape.
function toIdempotency(row: IdempotencyRow): IdempotencyRecord {
  const { status, body, contentType, ...rest } = row;
  return {
    ...rest,
    answer: status !== null && body !== null ? { status, body, contentType: contentType ?? 'application/json' } : null,
  };
}

function toDeployment(row: DeploymentRow): Deployment {
  return { ...row, blockedBy: row.blockedBy === null ? null : (JSON.parse(row.blockedBy) as string[]) };
}

/** The SQLite API store's twin (`../api-store.ts`): the same rows, order and answers. */
export function createPostgresApiStore({ db }: PgContext): ApiStore {
  return {
    async insertToken(token) {
      const [row] = await db().insert(apiTokens).values(token).returning();
      return row!;
    },
    async tokenByHash(hash) {
      const [row] = await db().select().from(apiTokens).where(eq(apiTokens.hash, hash));
      return row;
    },
    async tokensOfChannel(teamId, channelId) {
      return db()
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.teamId, teamId), eq(apiTokens.channelId, channelId)))
        .orderBy(asc(apiTokens.id));
    },
    async revokeToken(id, by, at) {
      await db().update(apiTokens).set({ revokedBy: by, revokedAt: at }).where(eq(apiTokens.id, id));
    },
    async touchToken(id, at) {
      await db().update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
    },
    async rateWindow(tokenId) {
      const [row] = await db().select().from(apiRateWindows).where(eq(apiRateWindows.tokenId, tokenId));
      return row;
    },
    async saveRateWindow(window) {
      const { tokenId: _id, ...rest } = window;
      await db()
        .insert(apiRateWindows)
        .values(window)
        .onConflictDoUpdate({ target: apiRateWindows.tokenId, set: rest });
    },
    async idempotency(tokenId, key) {
      const [row] = await db()
        .select()
        .from(apiIdempotency)
        .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
      return row ? toIdempotency(row) : undefined;
    },
    async claimIdempotency(record) {
      const values = { ...record, status: null, body: null, contentType: null };
      const { tokenId: _t, key: _k, ...rest } = values;
      await db()
        .insert(apiIdempotency)
        .values(values)
        .onConflictDoUpdate({ target: [apiIdempotency.tokenId, apiIdempotency.key], set: rest });
    },
    async completeIdempotency(tokenId, key, answer) {
      await db()
        .update(apiIdempotency)
        .set({ status: answer.status, body: answer.body, contentType: answer.contentType })
        .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
    },
    async releaseIdempotency(tokenId, key) {
      await db()
        .delete(apiIdempotency)
        .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
    },
    async pruneIdempotency(before) {
      const result = await db().delete(apiIdempotency).where(lt(apiIdempotency.createdAt, before));
      return result.rowCount ?? 0;
    },
    async insertDeployment(deployment) {
      const values = {
        ...deployment,
        blockedBy: deployment.blockedBy === null ? null : JSON.stringify(deployment.blockedBy),
      };
      const [row] = await db().insert(apiDeployments).values(values).returning();
      return toDeployment(row!);
    },
    async deploymentsOf(releaseId) {
      const rows = await db()
        .select()
        .from(apiDeployments)
        .where(eq(apiDeployments.releaseId, releaseId))
        .orderBy(asc(apiDeployments.id));
      return rows.map(toDeployment);
    },
  };
}
