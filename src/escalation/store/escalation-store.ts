import { and, asc, desc, eq, gte, ne } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { Escalation, EscalationAlert, EscalationStep, NewEscalation } from '../domain/escalation.ts';
import {
  type EscalationCategory,
  type EscalationLevel,
  type LevelSetting,
  parseCategory,
  parseLevel,
  type ReleaseLevelSetting,
} from '../domain/levels.ts';
import type { EscalationStore } from '../ports.ts';
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

export function createEscalationStore(db: Db, run: RunOnConnection): EscalationStore {
  return promised<EscalationStore>(run, {
    insert(escalation) {
      return toEscalation(db.insert(escalations).values(toColumns(escalation)).returning().get());
    },
    findById(id) {
      const row = db.select().from(escalations).where(eq(escalations.id, id)).get();
      return row ? toEscalation(row) : undefined;
    },
    save(escalation) {
      db.update(escalations).set(toColumns(escalation)).where(eq(escalations.id, escalation.id)).run();
    },
    saveIfCurrent(escalation, expected) {
      const result = db
        .update(escalations)
        .set(toColumns(escalation))
        .where(
          and(
            eq(escalations.id, escalation.id),
            eq(escalations.step, expected.step),
            eq(escalations.status, expected.status),
          ),
        )
        .run();
      return result.changes > 0;
    },
    listActive(teamId) {
      return db
        .select()
        .from(escalations)
        .where(and(eq(escalations.teamId, teamId), ne(escalations.status, 'resolved')))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id))
        .all()
        .map(toEscalation);
    },
    listForRelease(releaseId) {
      return db
        .select()
        .from(escalations)
        .where(eq(escalations.releaseId, releaseId))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id))
        .all()
        .map(toEscalation);
    },
    listRaisedSince(teamId, since) {
      return db
        .select()
        .from(escalations)
        .where(and(eq(escalations.teamId, teamId), gte(escalations.raisedAt, since)))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id))
        .all()
        .map(toEscalation);
    },
    addMessage(message) {
      const result = db.insert(escalationMessages).values(message).onConflictDoNothing().run();
      return result.changes > 0;
    },
    messages(escalationId) {
      return db
        .select()
        .from(escalationMessages)
        .where(eq(escalationMessages.escalationId, escalationId))
        .orderBy(asc(escalationMessages.step), asc(escalationMessages.kind))
        .all()
        .map((row) => ({ ...row, level: levelOf(row.level) }));
    },
    levelSettings(teamId) {
      return db
        .select()
        .from(escalationLevels)
        .where(eq(escalationLevels.teamId, teamId))
        .orderBy(asc(escalationLevels.level))
        .all()
        .map((row): LevelSetting => toLevelSetting(row));
    },
    saveLevelSetting(setting) {
      const values = levelColumns(setting);
      db.insert(escalationLevels)
        .values(values)
        .onConflictDoUpdate({ target: [escalationLevels.teamId, escalationLevels.level], set: values })
        .run();
    },
    saveAlert(alert) {
      const { escalationId: _id, ...rest } = alert;
      db.insert(escalationAlerts)
        .values(alert)
        .onConflictDoUpdate({ target: escalationAlerts.escalationId, set: rest })
        .run();
    },
    alertOf(escalationId) {
      return db.select().from(escalationAlerts).where(eq(escalationAlerts.escalationId, escalationId)).get() as
        | EscalationAlert
        | undefined;
    },
    activeAlert(releaseId, dedupKey) {
      const row = db
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
        .get();
      return row ? { escalation: toEscalation(row.escalations), alert: row.escalation_alerts } : undefined;
    },
    releaseLevelSettings(releaseId) {
      return db
        .select()
        .from(escalationReleaseLevels)
        .where(eq(escalationReleaseLevels.releaseId, releaseId))
        .orderBy(asc(escalationReleaseLevels.level))
        .all()
        .map((row): ReleaseLevelSetting => toLevelSetting(row));
    },
    saveReleaseLevelSetting(setting) {
      const values = levelColumns(setting);
      db.insert(escalationReleaseLevels)
        .values(values)
        .onConflictDoUpdate({ target: [escalationReleaseLevels.releaseId, escalationReleaseLevels.level], set: values })
        .run();
    },
  });
}
