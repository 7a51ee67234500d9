/**
 * Something that happened to a release, reported by the module that owns it, for the deployment gate to weigh: an
 * item unticked, a risk added or raised (with its score), an escalation reaching a level. The gate decides which of
 * them make a Go stale; the sources only tell what happened and when.
 */
export type GateEvent =
  | { kind: 'checklist_unticked'; at: Date; actorId: string; key: string; label: string }
  | {
      kind: 'risk_raised';
      at: Date;
      actorId: string;
      riskId: number;
      title: string;
      score: number;
      /** The score before this change; null when the risk was just added. */
      previousScore: number | null;
    }
  | {
      kind: 'escalation_reached';
      at: Date;
      actorId: string | null;
      escalationId: number;
      summary: string;
      level: number;
    };
