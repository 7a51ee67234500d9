import { asc, eq } from 'drizzle-orm';
import type { AuditLog } from '../../../core/ports.ts';
import type { PgContext } from './context.ts';
import { auditLog } from './schema.ts';

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromJson(value: string | null): unknown {
  return value === null ? undefined : JSON.parse(value);
}

/** The SQLite audit log's twin (`../audit-log.ts`). Append-only: there is no update or delete here, by design. */
export function createPostgresAuditLog({ db }: PgContext): AuditLog {
  return {
    async record(entry) {
      await db()
        .insert(auditLog)
        .values({
          teamId: entry.teamId,
          releaseId: entry.releaseId,
          actorId: entry.actorId,
          action: entry.action,
          subject: entry.subject ?? null,
          before: toJson(entry.before),
          after: toJson(entry.after),
          at: entry.at,
        });
    },
    async forRelease(releaseId) {
      const rows = await db()
        .select()
        .from(auditLog)
        .where(eq(auditLog.releaseId, releaseId))
        .orderBy(asc(auditLog.id));
      return rows.map((row) => ({
        ...row,
        subject: row.subject ?? undefined,
        before: fromJson(row.before),
        after: fromJson(row.after),
      }));
    },
  };
}
