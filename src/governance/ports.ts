import type { AuthorityConflict, AuthorityProposal, ProposalStatus } from './domain/authority.ts';
import type { ChecklistItem, ChecklistTick } from './domain/checklist.ts';
import type { Decision, NewDecision } from './domain/decision.ts';
import type { HandoffState } from './domain/handoff.ts';

export type DecisionStore = {
  record: (decision: NewDecision) => Decision;
  forRelease: (releaseId: number) => Decision[];
  forTeam: (teamId: string, limit: number) => Decision[];
};

/** Checklist, handoffs, conflicts and joint-decision proposals (release governance). */
export type GovernanceStore = {
  checklist: (releaseId: number) => ChecklistItem[];
  createChecklist: (items: ReadonlyArray<Omit<ChecklistItem, 'tickedBy' | 'tickedAt' | 'evidenceUrl'>>) => void;
  /** Sets an item's current state (`null` unticks) and appends the tick to the history. */
  setTick: (tick: Omit<ChecklistTick, 'id'>) => void;
  checklistHistory: (releaseId: number) => ChecklistTick[];
  handoffs: (releaseId: number) => HandoffState[];
  saveHandoff: (state: HandoffState) => void;
  recordConflict: (conflict: Omit<AuthorityConflict, 'id' | 'resolvedByDecisionId'>) => AuthorityConflict;
  conflicts: (releaseId: number) => AuthorityConflict[];
  resolveConflicts: (releaseId: number, area: string, decisionId: number) => number;
  recordProposal: (
    proposal: Omit<AuthorityProposal, 'id' | 'status' | 'resolvedBy' | 'resolvedAt'>,
  ) => AuthorityProposal;
  proposal: (id: number) => AuthorityProposal | undefined;
  /** Closes every open proposal of the area (superseded or agreed). */
  closeProposals: (
    releaseId: number,
    area: string,
    status: Exclude<ProposalStatus, 'open'>,
    by: string,
    at: Date,
  ) => number;
};
