import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { WaitingSource } from '../../releases/index.ts';
import type { GovernanceDeps } from '../deps.ts';
import type { ChecklistGate } from '../domain/checklist.ts';
import type { Decision } from '../domain/decision.ts';
import { checklistGateOf, checklistOf } from './get-checklist.ts';

export type ChecklistGateResult = ChecklistGate & {
  total: number;
  /** The newest override that still covers an open item. */
  override: Decision | undefined;
};

/** The checklist gate on Go and on shipping for one release: what is open, and which overrides cover what. */
export async function getChecklistGate(deps: GovernanceDeps, releaseId: number): Promise<ChecklistGateResult> {
  const { items, gate, override } = await checklistGateOf(deps.store, releaseId);
  return { ...gate, total: items.length, override };
}

/**
 * The checklist's readiness lines for the go/no-go poll (a POLL_READINESS-style provider): mrkdwn lines and the
 * number of open items. The poll shows the lines; the RM can decide Go with `openCount > 0` only after an override.
 */
export async function checklistReadiness(
  deps: GovernanceDeps,
  releaseId: number,
): Promise<{ lines: string[]; openCount: number }> {
  const gate = await getChecklistGate(deps, releaseId);
  if (gate.canGoWithoutOverride) {
    return { lines: [`:white_check_mark: Checklist: all ${gate.total} items ticked.`], openCount: 0 };
  }
  const lines = [`:warning: Checklist: ${gate.open.length} of ${gate.total} items open.`];
  for (const item of gate.open) lines.push(`• ${item.label} (${ROLE_LABELS[item.owner]})`);
  if (gate.coveredByOverride && gate.override) {
    lines.push(`Go with these items open was accepted by <@${gate.override.decidedBy}> (override recorded).`);
  } else {
    lines.push(
      'Go needs every item ticked, or the Release Manager’s override: `/release checklist override &lt;reason&gt;`.',
    );
  }
  return { lines, openCount: gate.open.length };
}

/** App Home "waiting for you" provider: the open checklist items the person's roles own. */
export const checklistWaitingProvider: WaitingSource<GovernanceDeps> = async (deps, item) => {
  const mine = (await checklistOf(deps.store, item.release.id)).filter(
    (i) => i.tickedAt === null && item.roles.includes(i.owner),
  );
  if (mine.length === 0) return [];
  const verb = mine.length === 1 ? 'is' : 'are';
  return [`Checklist: ${mine.map((i) => i.label).join(', ')} ${verb} yours to tick: \`/release checklist\``];
};
