import { asc, eq } from 'drizzle-orm';
import type { AuditLog } from '../../core/ports.ts';
import type { Db } from './database.ts';
import { auditLog } from './schema.ts';
import { promised, type RunOnConnection } from './sqlite-transactions.ts';

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromJson(value: string | null): unknown {
  return value === null ? undefined : JSON.parse(value);
}

/** Append-only: there is no update or delete here, by design. */
export function createAuditLog(db: Db, run: RunOnConnection): AuditLog {
  return promised<AuditLog>(run, {
    record(entry) {
      db.insert(auditLog)
        .values({
          teamId: entry.teamId,
          releaseId: entry.releaseId,
          actorId: entry.actorId,
          action: entry.action,
          subject: entry.subject ?? null,
          before: toJson(entry.before),
          after: toJson(entry.after),
          at: entry.at,
        })
        .run();
    },
    forRelease(releaseId) {
      return db
        .select()
        .from(auditLog)
        .where(eq(auditLog.releaseId, releaseId))
        .orderBy(asc(auditLog.id))
        .all()
        .map((row) => ({
          ...row,
          subject: row.subject ?? undefined,
          before: fromJson(row.before),
          after: fromJson(row.after),
        }));
    },
  });
}
