import { asc, eq, sql } from 'drizzle-orm';
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
  // Prepared once: every vote writes an audit row, and building the insert cost more than running it.
  const insert = db
    .insert(auditLog)
    .values({
      teamId: sql.placeholder('teamId'),
      releaseId: sql.placeholder('releaseId'),
      actorId: sql.placeholder('actorId'),
      action: sql.placeholder('action'),
      subject: sql.placeholder('subject'),
      before: sql.placeholder('before'),
      after: sql.placeholder('after'),
      at: sql.placeholder('at'),
    })
    .prepare();
  return promised<AuditLog>(run, {
    record(entry) {
      insert.run({
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
