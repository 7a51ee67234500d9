import { and, asc, desc, eq, gte, ne, sql } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { Escalation, EscalationStep, NewEscalation } from '../../domain/escalation.ts';
import {
  type EscalationCategory,
  type EscalationLevel,
  type LevelSetting,
  parseCategory,
  parseLevel,
  type ReleaseLevelSetting,
} from '../../domain/levels.ts';
import type { EscalationStore } from '../../ports.ts';
import {
  escalationAlerts,
  escalationLevels,
  escalationMessages,
  escalationReleaseLevels,
  escalations,
} from './schema.ts';

type Row = typeof escalations.$inferSelect;

function levelOf(n: number): EscalationLevel {
  const level = parseLevel(n);
  if (!level) throw new Error(`stored escalation level ${n} is not 1-3`);
  return level;
}

type LevelRow = Omit<LevelSetting, 'level' | 'pings' | 'hours' | 'days'> & {
  level: number;
  pings: string;
  hours: string | null;
  days: string | null;
};

function toLevelSetting<R extends LevelRow>(row: R) {
  const { hours, days, level, pings, ...rest } = row;
  return {
    ...rest,
    level: levelOf(level),
    pings: JSON.parse(pings) as string[],
    ...(hours ? { hours } : {}),
    ...(days ? { days } : {}),
  };
}

function levelColumns<S extends LevelSetting>(setting: S) {
  return { ...setting, pings: JSON.stringify(setting.pings), hours: setting.hours ?? null, days: setting.days ?? null };
}

// The row mapping repeats the SQLite store's (`../escalation-store.ts`) line for line: the rows are the same shape.
function toEscalation(row: Row): Escalation {
  const base = {
    id: row.id,
    teamId: row.teamId,
    releaseId: row.releaseId,
    category: row.category ? ((parseCategory(row.category) ?? null) as EscalationCategory | null) : null,
    summary: row.summary,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt,
    level: levelOf(row.level),
    step: row.step,
    history: JSON.parse(row.history) as EscalationStep[],
  };
  const missing = (field: string) => new Error(`escalation ${row.id} (${row.status}) has no ${field}`);
  switch (row.status) {
    case 'open':
      if (!row.nextStepAt) throw missing('next_step_at');
      return { ...base, status: 'open', nextStepAt: row.nextStepAt };
    case 'acknowledged':
      if (!row.acknowledgedBy || !row.acknowledgedAt) throw missing('acknowledgement');
      return {
        ...base,
        status: 'acknowledged',
        acknowledgedBy: row.acknowledgedBy,
        acknowledgedAt: row.acknowledgedAt,
      };
    case 'resolved':
      if (!row.resolvedBy || !row.resolvedAt) throw missing('resolution');
      return {
        ...base,
        status: 'resolved',
        acknowledgedBy: row.acknowledgedBy,
        acknowledgedAt: row.acknowledgedAt,
        resolvedBy: row.resolvedBy,
        resolvedAt: row.resolvedAt,
        resolution: row.resolution ?? '',
      };
    case 'expired':
      return { ...base, status: 'expired', expiredAt: row.expiredAt ?? row.raisedAt };
  }
}

function toColumns(e: Escalation | NewEscalation) {
  return {
    teamId: e.teamId,
    releaseId: e.releaseId,
    category: e.category,
    summary: e.summary,
    raisedBy: e.raisedBy,
    raisedAt: e.raisedAt,
    level: e.level,
    status: e.status,
    step: e.step,
    history: JSON.stringify(e.history),
    nextStepAt: e.status === 'open' ? e.nextStepAt : null,
    acknowledgedBy: e.status === 'acknowledged' || e.status === 'resolved' ? e.acknowledgedBy : null,
    acknowledgedAt: e.status === 'acknowledged' || e.status === 'resolved' ? e.acknowledgedAt : null,
    resolvedBy: e.status === 'resolved' ? e.resolvedBy : null,
    resolvedAt: e.status === 'resolved' ? e.resolvedAt : null,
    resolution: e.status === 'resolved' ? e.resolution : null,
    expiredAt: e.status === 'expired' ? e.expiredAt : null,
  };
}

/** The SQLite escalation store's twin (`../escalation-store.ts`): the same rows, order and answers. */
export function createPostgresEscalationStore({ db }: PgContext): EscalationStore {
  return {
    async insert(escalation) {
      const [row] = await db().insert(escalations).values(toColumns(escalation)).returning();
      return toEscalation(row!);
    },
    async findById(id) {
      const [row] = await db().select().from(escalations).where(eq(escalations.id, id));
      return row ? toEscalation(row) : undefined;
    },
    async save(escalation) {
      await db().update(escalations).set(toColumns(escalation)).where(eq(escalations.id, escalation.id));
    },
    async saveIfCurrent(escalation, expected) {
      const rows = await db()
        .update(escalations)
        .set(toColumns(escalation))
        .where(
          and(
            eq(escalations.id, escalation.id),
            eq(escalations.step, expected.step),
            eq(escalations.status, expected.status),
          ),
        )
        .returning({ id: escalations.id });
      return rows.length > 0;
    },
    async listActive(teamId) {
      const rows = await db()
        .select()
        .from(escalations)
        .where(and(eq(escalations.teamId, teamId), ne(escalations.status, 'resolved')))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id));
      return rows.map(toEscalation);
    },
    async listForRelease(releaseId) {
      const rows = await db()
        .select()
        .from(escalations)
        .where(eq(escalations.releaseId, releaseId))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id));
      return rows.map(toEscalation);
    },
    async listRaisedSince(teamId, since) {
      const rows = await db()
        .select()
        .from(escalations)
        .where(and(eq(escalations.teamId, teamId), gte(escalations.raisedAt, since)))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id));
      return rows.map(toEscalation);
    },
    async addMessage(message) {
      const result = await db().insert(escalationMessages).values(message).onConflictDoNothing();
      return (result.rowCount ?? 0) > 0;
    },
    async messages(escalationId) {
      const rows = await db()
        .select()
        .from(escalationMessages)
        .where(eq(escalationMessages.escalationId, escalationId))
        // Byte order, as SQLite compares text.
        .orderBy(asc(escalationMessages.step), sql`${escalationMessages.kind} collate "C"`);
      return rows.map((row) => ({ ...row, level: levelOf(row.level) }));
    },
    async levelSettings(teamId) {
      const rows = await db()
        .select()
        .from(escalationLevels)
        .where(eq(escalationLevels.teamId, teamId))
        .orderBy(asc(escalationLevels.level));
      return rows.map((row): LevelSetting => toLevelSetting(row));
    },
    async saveLevelSetting(setting) {
      const values = levelColumns(setting);
      await db()
        .insert(escalationLevels)
        .values(values)
        .onConflictDoUpdate({ target: [escalationLevels.teamId, escalationLevels.level], set: values });
    },
    async saveAlert(alert) {
      const { escalationId: _id, ...rest } = alert;
      await db()
        .insert(escalationAlerts)
        .values(alert)
        .onConflictDoUpdate({ target: escalationAlerts.escalationId, set: rest });
    },
    async alertOf(escalationId) {
      const [row] = await db().select().from(escalationAlerts).where(eq(escalationAlerts.escalationId, escalationId));
      return row;
    },
    async activeAlert(releaseId, dedupKey) {
      const [row] = await db()
        .select()
        .from(escalationAlerts)
        .innerJoin(escalations, eq(escalations.id, escalationAlerts.escalationId))
        .where(
          and(
            eq(escalationAlerts.releaseId, releaseId),
            eq(escalationAlerts.dedupKey, dedupKey),
            ne(escalations.status, 'resolved'),
          ),
        )
        .orderBy(desc(escalations.id))
        .limit(1);
      return row ? { escalation: toEscalation(row.escalations), alert: row.escalation_alerts } : undefined;
    },
    async releaseLevelSettings(releaseId) {
      const rows = await db()
        .select()
        .from(escalationReleaseLevels)
        .where(eq(escalationReleaseLevels.releaseId, releaseId))
        .orderBy(asc(escalationReleaseLevels.level));
      return rows.map((row): ReleaseLevelSetting => toLevelSetting(row));
    },
    async saveReleaseLevelSetting(setting) {
      const values = levelColumns(setting);
      await db()
        .insert(escalationReleaseLevels)
        .values(values)
        .onConflictDoUpdate({
          target: [escalationReleaseLevels.releaseId, escalationReleaseLevels.level],
          set: values,
        });
    },
  };
}
