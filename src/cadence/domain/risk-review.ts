import type { Risk, RiskChange, RiskChangeKind } from './risk.ts';

/** The last look at a risk in this week's review: who, when, and what they said (still valid, mitigated, …). */
export type RiskLook = { by: string; at: Date; change: RiskChangeKind };

export type ReviewItem = { risk: Risk; look: RiskLook | null };

/** One owner's part of the weekly review: every risk they own, each looked at this week or still left. */
export type OwnerReview = { owner: string; items: ReviewItem[] };

export type WeeklyNoteAsk = {
  kind: 'progress' | 'features';
  /** Who is asked (the RM, the PO), as the roles are now. */
  from: string[];
  /** Who added one this week, and when. */
  added: Array<{ userId: string; at: Date }>;
};

/** The weekly review as the database has it now: what the review message shows. */
export type RiskReviewState = {
  slot: string;
  startedAt: Date;
  reportAt: Date;
  owners: OwnerReview[];
  notes: WeeklyNoteAsk[];
};

export const reviewLeft = (state: RiskReviewState): number =>
  state.owners.reduce((n, o) => n + o.items.filter((i) => !i.look).length, 0);

export const reviewTotal = (state: RiskReviewState): number => state.owners.reduce((n, o) => n + o.items.length, 0);

/**
 * Who looked at which risk since the review started, from the risk history: any change (a review, an update, marking
 * it mitigated, closing it) counts as a look, the last one wins. Risks closed before the review are not part of it;
 * a risk closed during it is shown as done. Owners are asked in `leads` order, then any other owner.
 */
export function buildRiskReviewState(input: {
  slot: string;
  startedAt: Date;
  reportAt: Date;
  /** The register including closed risks. */
  risks: Risk[];
  history: RiskChange[];
  leads: string[];
  notesFrom: { progress: string[]; features: string[] };
  notes: Array<{ userId: string; kind: string; at: Date }>;
}): RiskReviewState {
  const since = input.startedAt.getTime();
  const looks = new Map<number, RiskLook>();
  for (const change of [...input.history].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)) {
    if (change.at.getTime() < since) continue;
    looks.set(change.riskId, { by: change.actorId, at: change.at, change: change.change });
  }
  const inReview = input.risks.filter(
    (r) => r.ownerId !== null && (r.status !== 'closed' || (r.closedAt !== null && r.closedAt.getTime() >= since)),
  );
  const owners = [...new Set([...input.leads, ...inReview.map((r) => r.ownerId as string)])]
    .map((owner) => ({
      owner,
      items: inReview.filter((r) => r.ownerId === owner).map((risk) => ({ risk, look: looks.get(risk.id) ?? null })),
    }))
    .filter((o) => o.items.length > 0);
  const notes: WeeklyNoteAsk[] = (['progress', 'features'] as const).map((kind) => ({
    kind,
    from: input.notesFrom[kind],
    added: input.notes.filter((n) => n.kind === kind).map((n) => ({ userId: n.userId, at: n.at })),
  }));
  return { slot: input.slot, startedAt: input.startedAt, reportAt: input.reportAt, owners, notes };
}
