/** One entry of the append-only audit log: who changed what, when, with the before and after where it matters. */
export type AuditEntry = {
  teamId: string;
  releaseId: number | null;
  actorId: string;
  action: string;
  subject?: string | undefined;
  before?: unknown;
  after?: unknown;
  at: Date;
};

export type StoredAuditEntry = AuditEntry & { id: number };

/** The actor recorded for changes the bot makes by itself (scheduled steps, timeouts). */
export const SYSTEM_ACTOR = 'system';
