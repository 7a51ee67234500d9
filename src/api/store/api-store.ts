import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { Deployment } from '../domain/deployments.ts';
import type { IdempotencyRecord } from '../domain/idempotency.ts';
import type { ApiStore } from '../ports.ts';
import { apiDeployments, apiIdempotency, apiRateWindows, apiTokens } from './schema.ts';

type IdempotencyRow = typeof apiIdempotency.$inferSelect;
type DeploymentRow = typeof apiDeployments.$inferSelect;

export function toIdempotency(row: IdempotencyRow): IdempotencyRecord {
  const { status, body, contentType, ...rest } = row;
  return {
    ...rest,
    answer: status !== null && body !== null ? { status, body, contentType: contentType ?? 'application/json' } : null,
  };
}

export function toDeployment(row: DeploymentRow): Deployment {
  return { ...row, blockedBy: row.blockedBy === null ? null : (JSON.parse(row.blockedBy) as string[]) };
}

export function deploymentColumns(d: Omit<Deployment, 'id'>) {
  return { ...d, blockedBy: d.blockedBy === null ? null : JSON.stringify(d.blockedBy) };
}

export function createApiStore(db: Db, run: RunOnConnection): ApiStore {
  return promised<ApiStore>(run, {
    insertToken(token) {
      return db.insert(apiTokens).values(token).returning().get();
    },
    tokenByHash(hash) {
      return db.select().from(apiTokens).where(eq(apiTokens.hash, hash)).get();
    },
    tokensOfChannel(teamId, channelId) {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.teamId, teamId), eq(apiTokens.channelId, channelId)))
        .orderBy(asc(apiTokens.id))
        .all();
    },
    revokeToken(id, by, at) {
      db.update(apiTokens).set({ revokedBy: by, revokedAt: at }).where(eq(apiTokens.id, id)).run();
    },
    touchToken(id, at) {
      db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
    },
    rateWindow(tokenId) {
      return db.select().from(apiRateWindows).where(eq(apiRateWindows.tokenId, tokenId)).get();
    },
    saveRateWindow(window) {
      const { tokenId: _id, ...rest } = window;
      db.insert(apiRateWindows).values(window).onConflictDoUpdate({ target: apiRateWindows.tokenId, set: rest }).run();
    },
    idempotency(tokenId, key) {
      const row = db
        .select()
        .from(apiIdempotency)
        .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)))
        .get();
      return row ? toIdempotency(row) : undefined;
    },
    claimIdempotency(record) {
      const values = { ...record, status: null, body: null, contentType: null };
      const { tokenId: _t, key: _k, ...rest } = values;
      db.insert(apiIdempotency)
        .values(values)
        .onConflictDoUpdate({ target: [apiIdempotency.tokenId, apiIdempotency.key], set: rest })
        .run();
    },
    completeIdempotency(tokenId, key, answer) {
      db.update(apiIdempotency)
        .set({ status: answer.status, body: answer.body, contentType: answer.contentType })
        .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)))
        .run();
    },
    releaseIdempotency(tokenId, key) {
      db.delete(apiIdempotency)
        .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)))
        .run();
    },
    pruneIdempotency(before) {
      return db.delete(apiIdempotency).where(lt(apiIdempotency.createdAt, before)).run().changes;
    },
    insertDeployment(deployment) {
      return toDeployment(db.insert(apiDeployments).values(deploymentColumns(deployment)).returning().get());
    },
    deploymentsOf(releaseId) {
      return db
        .select()
        .from(apiDeployments)
        .where(eq(apiDeployments.releaseId, releaseId))
        .orderBy(asc(apiDeployments.id))
        .all()
        .map(toDeployment);
    },
  });
}
