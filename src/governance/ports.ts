import type { AuthorityConflict, AuthorityProposal, ProposalStatus } from './domain/authority.ts';
import type { ChecklistItem, ChecklistTick } from './domain/checklist.ts';
import type { Decision, NewDecision } from './domain/decision.ts';
import type { HandoffState } from './domain/handoff.ts';

export type DecisionStore = {
  record: (decision: NewDecision) => Promise<Decision>;
  forRelease: (releaseId: number) => Promise<Decision[]>;
  forTeam: (teamId: string, limit: number) => Promise<Decision[]>;
};

/** Checklist, handoffs, conflicts and joint-decision proposals (release governance). */
export type GovernanceStore = {
  checklist: (releaseId: number) => Promise<ChecklistItem[]>;
  createChecklist: (
    items: ReadonlyArray<Omit<ChecklistItem, 'tickedBy' | 'tickedAt' | 'evidenceUrl'>>,
  ) => Promise<void>;
  /** Sets an item's current state (`null` unticks) and appends the tick to the history. */
  setTick: (tick: Omit<ChecklistTick, 'id'>) => Promise<void>;
  checklistHistory: (releaseId: number) => Promise<ChecklistTick[]>;
  handoffs: (releaseId: number) => Promise<HandoffState[]>;
  saveHandoff: (state: HandoffState) => Promise<void>;
  recordConflict: (conflict: Omit<AuthorityConflict, 'id' | 'resolvedByDecisionId'>) => Promise<AuthorityConflict>;
  conflicts: (releaseId: number) => Promise<AuthorityConflict[]>;
  resolveConflicts: (releaseId: number, area: string, decisionId: number) => Promise<number>;
  recordProposal: (
    proposal: Omit<AuthorityProposal, 'id' | 'status' | 'resolvedBy' | 'resolvedAt'>,
  ) => Promise<AuthorityProposal>;
  proposal: (id: number) => Promise<AuthorityProposal | undefined>;
  /** Closes every open proposal of the area (superseded or agreed). */
  closeProposals: (
    releaseId: number,
    area: string,
    status: Exclude<ProposalStatus, 'open'>,
    by: string,
    at: Date,
  ) => Promise<number>;
};
